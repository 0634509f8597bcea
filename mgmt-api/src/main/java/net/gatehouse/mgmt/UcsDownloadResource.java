package net.gatehouse.mgmt;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.auth.RoleAuthorizer;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.ucs.UcsError;

/**
 * {@code GET /mgmt/shared/file-transfer/ucs-downloads/NAME.ucs}: a UCS archive of {@code /var/local/ucs/},
 * and nothing else, in the chunks the client asks for with {@code Content-Range: start-end/total}
 * (the total it sends is ignored); each answer carries {@code Content-Range: start-end/size} with the
 * archive's real size, which is how F5's clients learn it (they ask for a first chunk with total 0).
 * Without {@code Content-Range}, from its start. An answer holds at most {@link #MAX_CHUNK} bytes. Only an administrator may download one: it holds
 * every key.
 */
@Path("/mgmt/shared/file-transfer/ucs-downloads")
public final class UcsDownloadResource {

    /** The largest chunk one request returns: 8 MiB (F5's clients ask for 512 KiB). */
    static final int MAX_CHUNK = 8 * 1024 * 1024;
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,18})-(\\d{1,18})(?:/(\\d{0,18}))?\\s*");

    private final Appliance appliance;

    UcsDownloadResource(Appliance appliance) {
        this.appliance = appliance;
    }

    @GET
    @Path("{name}")
    public Response download(@PathParam("name") String name, @HeaderParam("Content-Range") String range,
            @Context SecurityContext caller) {
        Principal principal = new Principal(caller.getUserPrincipal().getName(), Principal.Origin.REST);
        java.nio.file.Path file;
        try {
            file = appliance.ucs().archiveToSend(principal, name);
        } catch (UcsError e) {
            int status = e.getMessage().startsWith(RoleAuthorizer.ACCESS_DENIED) ? 403
                    : e.getMessage().contains("was not found") ? 404 : 400;
            throw new RestError(status, e.getMessage());
        }
        try (RandomAccessFile archive = new RandomAccessFile(file.toFile(), "r")) {
            long size = archive.length();
            long start = 0;
            long end = size - 1;
            if (range != null && !range.isBlank()) {
                Matcher asked = RANGE.matcher(range);
                if (!asked.matches()) {
                    throw new RestError(400, "Content-Range \"" + range + "\" of download " + name
                            + " is not start-end/total.");
                }
                start = Long.parseLong(asked.group(1));
                end = Math.min(Long.parseLong(asked.group(2)), size - 1);
                if (start > end) {
                    throw new RestError(400, "Content-Range \"" + range + "\" of download " + name
                            + " starts past its last byte (" + (size - 1) + ").");
                }
            }
            if (end - start + 1 > MAX_CHUNK) {
                end = start + MAX_CHUNK - 1;
            }
            byte[] chunk = new byte[(int) (end - start + 1)];
            archive.seek(start);
            archive.readFully(chunk);
            return Response.ok(chunk, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                    .header("Content-Range", start + "-" + end + "/" + size).build();
        } catch (IOException e) {
            throw new UncheckedIOException("the UCS file " + name + " cannot be read", e);
        }
    }
}
