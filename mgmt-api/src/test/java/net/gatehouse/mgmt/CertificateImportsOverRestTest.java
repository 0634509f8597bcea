package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Date;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Certificate and key imports over iControl REST go through the same rule as tmsh's: {@code sys file
 * ssl-cert|ssl-key} with {@code sourcePath} and {@code sys crypto key|cert} with {@code "command":
 * "install"} read the upload folder and the host's scratch folders only, and a refusal names the object,
 * the property and the value. A data group file is not created without a {@code sourcePath}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateImportsOverRestTest {

    private static final String UPLOADS = "/mgmt/shared/file-transfer/uploads/";
    private static final String PLACES = "files are imported only from /var/config/rest/downloads/, /var/tmp/,"
            + " /shared/tmp/ or /tmp/ (not the appliance's data directory).";

    /** A folder in the host's {@code /tmp/}, one of the folders an import may read. */
    static final class HostTmp implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension)
                throws java.io.IOException {
            return Files.createTempDirectory(Path.of("/tmp"), "gatehouse-rest-import-");
        }
    }

    private final TestClock clock = new TestClock();
    private Path scratch;
    private MgmtFixture box;
    private MgmtClient admin;

    @BeforeAll
    void start(@TempDir Path dataDir, @TempDir(factory = HostTmp.class) Path files) {
        scratch = files;
        box = MgmtFixture.start(dataDir, clock);
        admin = box.admin();
    }

    @AfterAll
    void stop() {
        box.close();
    }

    private void upload(String name, byte[] bytes) {
        assertThat(admin.send("POST", UPLOADS + name, bytes, "application/octet-stream",
                "Content-Range", "0-" + (bytes.length - 1) + "/" + bytes.length).status()).isEqualTo(200);
    }

    @Test
    void theInstallCommandOnSysCryptoKeyAndCertInstallsAnUploadedPair() throws Exception {
        KeyPair pair = rsa();
        upload("api.key", pem(pair.getPrivate()));
        upload("api.crt", certificate(pair, "api.example.com"));

        Answer key = admin.post("/mgmt/tm/sys/crypto/key", "{\"command\":\"install\",\"name\":\"api\","
                + "\"from-local-file\":\"/var/config/rest/downloads/api.key\"}");
        Answer cert = admin.post("/mgmt/tm/sys/crypto/cert", "{\"command\":\"install\",\"name\":\"api\","
                + "\"fromLocalFile\":\"/var/config/rest/downloads/api.crt\"}");

        assertThat(key.status()).as(key.body().toString()).isEqualTo(200);
        assertThat(key.body().path("kind").asText()).isEqualTo("tm:sys:crypto:key:installstate");
        assertThat(cert.status()).as(cert.body().toString()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/sys/file/ssl-key/~Common~api").body().path("sourcePath").asText())
                .isEqualTo("file:/var/config/rest/downloads/api.key");
        assertThat(admin.get("/mgmt/tm/sys/file/ssl-cert/~Common~api").body().path("sourcePath").asText())
                .isEqualTo("file:/var/config/rest/downloads/api.crt");
        assertThat(admin.post("/mgmt/tm/ltm/profile/client-ssl", "{\"name\":\"api_ssl\",\"cert\":\"/Common/api\","
                + "\"key\":\"/Common/api\"}").status()).isEqualTo(200);
    }

    @Test
    void aSourcePathInTheHostsTmpIsImportedAsTmshImportsIt() throws Exception {
        KeyPair pair = rsa();
        Path file = Files.write(scratch.resolve("scratch.crt"), certificate(pair, "scratch.example.com"));

        Answer created = admin.post("/mgmt/tm/sys/file/ssl-cert", "{\"name\":\"scratch.crt\","
                + "\"sourcePath\":\"file:" + file + "\"}");

        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.body().path("sourcePath").asText()).isEqualTo("file:" + file);
    }

    @Test
    void filesOutsideTheImportFoldersAreRefusedNamingObjectPropertyAndValue() {
        Answer install = admin.post("/mgmt/tm/sys/crypto/cert", "{\"command\":\"install\",\"name\":\"stolen\","
                + "\"from-local-file\":\"/etc/passwd\"}");
        Answer sourced = admin.post("/mgmt/tm/sys/file/ssl-key", "{\"name\":\"stolen\","
                + "\"sourcePath\":\"file:/root/.ssh/id_rsa\"}");
        Answer unnamed = admin.post("/mgmt/tm/sys/crypto/key", "{\"command\":\"install\",\"name\":\"stolen\"}");

        assertThat(install.status()).isEqualTo(400);
        assertThat(install.body().path("message").asText()).isEqualTo("01070712:3: Values (/etc/passwd) specified for"
                + " certificate (/Common/stolen) property from-local-file: " + PLACES);
        assertThat(sourced.status()).isEqualTo(400);
        assertThat(sourced.body().path("message").asText()).isEqualTo("01070712:3: Values (file:/root/.ssh/id_rsa)"
                + " specified for key (/Common/stolen) property source-path: " + PLACES);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body().path("message").asText()).isEqualTo("01070712:3: key (/Common/stolen) requires"
                + " from-local-file: install names the file to read; " + PLACES);
        assertThat(admin.get("/mgmt/tm/sys/file/ssl-cert/~Common~stolen").status()).isEqualTo(404);
        assertThat(admin.get("/mgmt/tm/sys/file/ssl-key/~Common~stolen").status()).isEqualTo(404);
    }

    @Test
    void aDataGroupFileIsNotCreatedWithoutASourcePath() {
        Answer bare = admin.post("/mgmt/tm/sys/file/data-group", "{\"name\":\"bare\",\"type\":\"string\"}");

        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.body().path("message").asText()).isEqualTo("01070712:3: data group file (/Common/bare)"
                + " requires source-path: a data group file is created by importing a file (source-path file:/PATH); "
                + PLACES);
        assertThat(admin.get("/mgmt/tm/sys/file/data-group/~Common~bare").status()).isEqualTo(404);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private byte[] certificate(KeyPair pair, String name) throws Exception {
        X500Name subject = new X500Name("CN=" + name);
        return pem(new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, new Date(clock.millis() - 60_000),
                new Date(clock.millis() + Duration.ofDays(365).toMillis()), subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static byte[] pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
