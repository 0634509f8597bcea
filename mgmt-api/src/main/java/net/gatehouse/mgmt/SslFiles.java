package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.files.SslFileStore;
import net.gatehouse.appliance.schema.ComponentType;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * Imports for {@code sys file ssl-cert} and {@code sys file ssl-key}: a create or update that names a
 * {@code sourcePath} in the upload folder takes that file's content (a PEM certificate, or a PEM
 * private key), keeps it in the {@link SslFileStore}, and records on the object where it is
 * ({@code cachePath}), its {@code checksum} as BIG-IP writes it ({@code SHA1:<size>:<hex>}) and a new
 * {@code revision}.
 */
final class SslFiles {

    private static final String CERT = "sys file ssl-cert";
    private static final String KEY = "sys file ssl-key";

    private final Uploads uploads;
    private final SslFileStore store;

    SslFiles(Uploads uploads, SslFileStore store) {
        this.uploads = uploads;
        this.store = store;
    }

    /** The request with the import's properties added, when it is an import; else the request as it was. */
    JsonNode imported(ComponentType type, String fullPath, Optional<ConfigObject> existing, JsonNode request) {
        boolean cert = type.path().equals(CERT);
        if (!(cert || type.path().equals(KEY)) || !request.hasNonNull("sourcePath")) {
            return request;
        }
        String sourcePath = request.get("sourcePath").asText();
        Path file = uploads.resolve(sourcePath).orElseThrow(() -> new RestError(400, "01070712:3: Values ("
                + sourcePath + ") specified for " + type.label().toLowerCase() + " file (" + fullPath
                + "): sourcePath must name a file in " + Uploads.REMOTE_FOLDER + "."));
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RestError(400, "01070712:3: Values (" + sourcePath + ") specified for " + type.label().toLowerCase()
                    + " file (" + fullPath + "): the file was not found; upload it first.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(cert, fullPath, content);
        long revision = existing.flatMap(o -> o.body().text("revision")).map(r -> Long.parseLong(r) + 1).orElse(1L);
        String cachePath = store.store(cert ? SslFileStore.Kind.CERTIFICATE : SslFileStore.Kind.KEY, fullPath,
                revision, content);
        ObjectNode changed = request.deepCopy();
        changed.put("cachePath", cachePath);
        changed.put("checksum", checksum(content));
        changed.put("revision", revision);
        return changed;
    }

    /** BIG-IP's checksum of a file: {@code SHA1:<size>:<hex>}. */
    static String checksum(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(content);
            return "SHA1:" + content.length + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
        }
    }

    private static void check(boolean cert, String fullPath, byte[] content) {
        Object first;
        try (PEMParser parser = new PEMParser(new StringReader(new String(content, StandardCharsets.US_ASCII)))) {
            first = parser.readObject();
        } catch (IOException | RuntimeException e) {
            first = null;
        }
        boolean fits = cert ? first instanceof X509CertificateHolder
                : first instanceof PEMKeyPair || first instanceof PEMEncryptedKeyPair
                        || first instanceof PrivateKeyInfo || first instanceof PKCS8EncryptedPrivateKeyInfo;
        if (!fits) {
            throw new RestError(400, "01070712:3: Values specified for " + (cert ? "certificate" : "key") + " file ("
                    + fullPath + "): the uploaded content is not a PEM " + (cert ? "certificate." : "private key."));
        }
    }
}
