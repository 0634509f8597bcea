package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * Imports for {@code sys file ssl-cert} and {@code sys file ssl-key}: a create or update naming a
 * {@code sourcePath} in the upload folder installs that file through the appliance's crypto service
 * — a key goes into a key slot (encrypted under the master key, never kept in clear), a certificate
 * into the certificate store — exactly as tmsh's {@code install sys crypto} does. The objects then
 * carry BIG-IP's {@code cachePath}, {@code checksum} ({@code SHA1:<size>:<hex>}) and {@code revision}.
 */
final class SslImports {

    private static final String CERT = "sys file ssl-cert";
    private static final String KEY = "sys file ssl-key";

    private final Appliance appliance;
    private final Uploads uploads;

    SslImports(Appliance appliance, Uploads uploads) {
        this.appliance = appliance;
        this.uploads = uploads;
    }

    /** Whether the request imports material (and so must be handled here, not as plain properties). */
    static boolean isImport(ComponentType type, JsonNode request) {
        return (type.path().equals(CERT) || type.path().equals(KEY)) && request.hasNonNull("sourcePath");
    }

    /**
     * Installs the material the request names, then returns the request without the import's own
     * fields, for the other properties it may set.
     */
    JsonNode install(Principal principal, ComponentType type, String fullPath, JsonNode request) {
        String sourcePath = request.get("sourcePath").asText();
        Path file = uploads.resolve(sourcePath).orElseThrow(() -> new RestError(400, "01070712:3: Values ("
                + sourcePath + ") specified for " + type.label().toLowerCase() + " (" + fullPath
                + "): sourcePath must name a file in " + Uploads.REMOTE_FOLDER + "."));
        try {
            if (type.path().equals(KEY)) {
                Optional<char[]> passphrase = Optional.ofNullable(request.get("passphrase"))
                        .map(JsonNode::asText).map(String::toCharArray);
                appliance.crypto().installKey(principal, fullPath, file, passphrase, sourcePath);
            } else {
                appliance.crypto().installCertificate(principal, fullPath, file, sourcePath);
            }
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
        ObjectNode rest = request.deepCopy();
        for (String field : new String[] {"sourcePath", "passphrase", "name", "partition", "fullPath", "subPath"}) {
            rest.remove(field);
        }
        return rest;
    }
}
