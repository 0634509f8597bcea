package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code POST /mgmt/shared/file-transfer/uploads/<name>}: a file, or one chunk of it with
 * {@code Content-Range: start-end/total}, into the upload folder. Answers as BIG-IP does, with the
 * bytes still missing and the chunks received.
 */
@Path("/mgmt/shared/file-transfer/uploads")
@Produces(MediaType.APPLICATION_JSON)
public final class FileTransferResource {

    private final Uploads uploads;

    FileTransferResource(Uploads uploads) {
        this.uploads = uploads;
    }

    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public String upload(@PathParam("name") String name, @HeaderParam("Content-Range") String range, byte[] body) {
        Uploads.Progress progress = uploads.write(name, Optional.ofNullable(range), body == null ? new byte[0] : body);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("remainingByteCount", progress.remaining());
        ObjectNode chunks = node.putObject("usedChunks");
        progress.chunks().forEach((start, end) -> chunks.put(String.valueOf(start), end - start));
        node.put("totalByteCount", progress.total());
        node.put("localFilePath", Uploads.REMOTE_FOLDER + name);
        node.put("temporaryFilePath", Uploads.REMOTE_FOLDER + "tmp/" + name);
        node.put("generation", 0);
        node.put("lastUpdateMicros", 0);
        return node.toString();
    }
}
