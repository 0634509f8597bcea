package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.crypto.CryptoImports;
import net.gatehouse.appliance.files.ImportSources;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * REST imports of key material, through the appliance's {@link CryptoImports} (so through the same
 * rule for which files may be read as tmsh, {@link ImportSources}):
 * <ul>
 * <li>a create or update of {@code sys file ssl-cert} or {@code sys file ssl-key} naming a
 * {@code sourcePath} (what {@code bigip_ssl_certificate} and {@code bigip_ssl_key} send after an upload);
 * <li>{@code POST /mgmt/tm/sys/crypto/key|cert {"command": "install", "name": ..., "from-local-file": ...}},
 * tmsh's {@code install sys crypto key|cert} over REST.
 * </ul>
 * A key goes into a key slot (encrypted under the master key, never kept in clear), a certificate into
 * the certificate store. The objects then carry BIG-IP's {@code cachePath}, {@code checksum}
 * ({@code SHA1:<size>:<hex>}) and {@code revision}.
 */
final class SslImports {

    private static final String CERT = "sys file ssl-cert";
    private static final String KEY = "sys file ssl-key";
    private static final String CRYPTO_CERT = "sys crypto cert";
    private static final String CRYPTO_KEY = "sys crypto key";
    private static final String FROM_LOCAL_FILE = "from-local-file";

    private final Appliance appliance;

    SslImports(Appliance appliance) {
        this.appliance = appliance;
    }

    /** Whether the request imports material (and so must be handled here, not as plain properties). */
    static boolean isImport(ComponentType type, JsonNode request) {
        return (type.path().equals(CERT) || type.path().equals(KEY)) && request.hasNonNull("sourcePath");
    }

    /** Whether the request is {@code {"command": "install"}} on {@code sys crypto key} or {@code sys crypto cert}. */
    static boolean isInstall(ComponentType type, JsonNode request) {
        return (type.path().equals(CRYPTO_CERT) || type.path().equals(CRYPTO_KEY))
                && request.path("command").asText("").equals("install");
    }

    /**
     * Installs the material the request names, then returns the request without the import's own
     * fields, for the other properties it may set.
     */
    JsonNode install(Principal principal, ComponentType type, String fullPath, JsonNode request) {
        String sourcePath = request.get("sourcePath").asText();
        try {
            if (type.path().equals(KEY)) {
                appliance.cryptoImports().installKey(principal, fullPath, ImportSources.Property.SOURCE_PATH, sourcePath,
                        passphrase(request));
            } else {
                appliance.cryptoImports().installCertificate(principal, fullPath, ImportSources.Property.SOURCE_PATH,
                        sourcePath);
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

    /**
     * {@code {"command": "install", "name": N, "from-local-file": PATH}} (also {@code fromLocalFile}) on
     * {@code sys crypto key|cert}; answers as BIG-IP answers a
     * command ({@code tm:sys:config:savestate} for {@code save}), with the command's fields.
     */
    ObjectNode installCommand(Principal principal, ComponentType type, String fullPath, JsonNode request) {
        JsonNode file = request.hasNonNull(FROM_LOCAL_FILE) ? request.get(FROM_LOCAL_FILE) : request.get("fromLocalFile");
        if (file == null || file.asText().isEmpty()) {
            throw RestError.of(ImportSources.missing(type.label().toLowerCase() + " (" + fullPath + ")",
                    ImportSources.Property.FROM_LOCAL_FILE, "install names the file to read"));
        }
        try {
            if (type.path().equals(CRYPTO_KEY)) {
                appliance.cryptoImports().installKey(principal, fullPath, ImportSources.Property.FROM_LOCAL_FILE,
                        file.asText(), passphrase(request));
            } else {
                appliance.cryptoImports().installCertificate(principal, fullPath, ImportSources.Property.FROM_LOCAL_FILE,
                        file.asText());
            }
        } catch (ConfigError e) {
            throw RestError.of(e);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("kind", "tm:" + type.path().replace(' ', ':') + ":installstate");
        answer.put("command", "install");
        answer.put("name", request.path("name").asText());
        answer.put(FROM_LOCAL_FILE, file.asText());
        return answer;
    }

    private static Optional<char[]> passphrase(JsonNode request) {
        return Optional.ofNullable(request.get("passphrase")).map(JsonNode::asText).map(String::toCharArray);
    }
}
