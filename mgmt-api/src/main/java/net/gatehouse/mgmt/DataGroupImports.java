package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.datagroup.DataGroupFileText;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * Imports for {@code sys file data-group}: a create or update naming a {@code sourcePath} in the upload
 * folder reads that file, checks its records against the file's {@code type}, and becomes an ordinary
 * change of the object carrying BIG-IP's {@code checksum} ({@code SHA1:<size>:<hex>}), {@code size} and
 * {@code revision} (1, then one more on each import), run by the command service like any other.
 */
final class DataGroupImports {

    private static final String FILE = "sys file data-group";

    private final Uploads uploads;

    DataGroupImports(Uploads uploads) {
        this.uploads = uploads;
    }

    static boolean isImport(ComponentType type, JsonNode request) {
        return type.path().equals(FILE) && request.hasNonNull("sourcePath");
    }

    /** The request with what the import found: checksum, size, revision and type. */
    JsonNode imported(String fullPath, Optional<ConfigObject> current, JsonNode request) {
        String sourcePath = request.get("sourcePath").asText();
        Path file = uploads.resolve(sourcePath).orElseThrow(() -> new RestError(400, "01070712:3: Values ("
                + sourcePath + ") specified for data group file (" + fullPath + "): sourcePath must name a file in "
                + Uploads.REMOTE_FOLDER + "."));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RestError(400, "01070712:3: Values (" + sourcePath + ") specified for data group file ("
                    + fullPath + "): no such file was uploaded.");
        } catch (IOException e) {
            throw new UncheckedIOException("upload " + file.getFileName() + " cannot be read", e);
        }
        String type = request.hasNonNull("type") ? request.get("type").asText()
                : current.flatMap(o -> o.body().text("type")).orElse("string");
        try {
            DataGroupFileText.records(fullPath, type, bytes);
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
        long revision = current.flatMap(o -> o.body().text("revision")).map(Long::parseLong).orElse(0L) + 1;
        ObjectNode body = request.deepCopy();
        body.put("checksum", DataGroupFileText.checksum(bytes));
        body.put("size", bytes.length);
        body.put("revision", revision);
        body.put("type", type);
        return body;
    }
}
