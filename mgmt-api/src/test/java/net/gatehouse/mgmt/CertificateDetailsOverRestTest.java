package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST GET of {@code sys/file/ssl-cert} answers what BIG-IP reads out of the certificate, as
 * {@code bigip_device_info} (gather_subset ssl-certs) and expiry monitors read it: {@code subject},
 * {@code issuer}, {@code expirationString}, {@code expirationDate}, {@code keyType},
 * {@code certificateKeySize}, {@code certificateKeyCurveName}, {@code serialNumber}, {@code version},
 * {@code fingerprint}, {@code subjectAlternativeName}. The golden {@code golden/sys-file-ssl-cert-details.json}
 * holds the values of F5's published answer (F5's Ansible test data, BIG-IP 13.0.0); the details are
 * read-only.
 */
class CertificateDetailsOverRestTest {

    private static final String UPLOADS = "/mgmt/shared/file-transfer/uploads/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void aCertificateUploadedAsBigipSslCertificateDoesIsAnsweredWithF5sDetails() throws Exception {
        X509Certificate certificate = signed(rsa().getPrivate(),
                "C=US,ST=New York,L=New York,O=ACME CA,OU=Coyote,CN=ourca.domain.local",
                "C=US,ST=New York,O=ACME,OU=Coyote,CN=cert1.domain.local", rsa(), BigInteger.ONE,
                Instant.parse("2016-06-30T16:46:09Z"), Instant.parse("2036-06-25T16:46:09Z"),
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "cert1.domain.local"),
                    new GeneralName(GeneralName.iPAddress, "10.0.0.1")}));
        byte[] pem = pem(certificate);
        try (MgmtFixture box = MgmtFixture.start(dataDir, new TestClock())) {
            MgmtClient admin = box.admin();
            upload(admin, "cert1.crt", pem);
            Answer created = admin.post("/mgmt/tm/sys/file/ssl-cert", "{\"name\":\"cert1.crt\","
                    + "\"sourcePath\":\"file:///var/config/rest/downloads/cert1.crt\"}");
            assertThat(created.status()).as(created.body().toString()).isEqualTo(200);

            JsonNode one = admin.get("/mgmt/tm/sys/file/ssl-cert/~Common~cert1.crt").body();
            JsonNode all = admin.get("/mgmt/tm/sys/file/ssl-cert?expandSubcollections=true").body();

            assertThat(one.path("fingerprint").asText()).isEqualTo(fingerprint(certificate));
            assertThat(one.path("checksum").asText()).isEqualTo(sha1Checksum(pem));
            assertThat(created.body().path("expirationDate").asLong()).isEqualTo(2098025169L);
            assertThat(withPlaceholders(one)).isEqualTo(golden("golden/sys-file-ssl-cert-details.json"));
            JsonNode listed = null;
            for (JsonNode item : all.path("items")) {
                if (item.path("fullPath").asText().equals("/Common/cert1.crt")) {
                    listed = item;
                }
            }
            assertThat(listed).isEqualTo(one);
        }
    }

    @Test
    void anEcCertificateAnswersItsCurveAndKeySize() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair ec = generator.generateKeyPair();
        X509Certificate certificate = signed(ec.getPrivate(), "C=US,O=Edge,CN=edge.example.com",
                "C=US,O=Edge,CN=edge.example.com", ec, BigInteger.valueOf(4660), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-03-04T05:06:07Z"), null);
        try (MgmtFixture box = MgmtFixture.start(dataDir, new TestClock())) {
            MgmtClient admin = box.admin();
            upload(admin, "edge.crt", pem(certificate));
            assertThat(admin.post("/mgmt/tm/sys/crypto/cert", "{\"command\":\"install\",\"name\":\"edge.crt\","
                    + "\"from-local-file\":\"/var/config/rest/downloads/edge.crt\"}").status()).isEqualTo(200);

            JsonNode file = admin.get("/mgmt/tm/sys/file/ssl-cert/~Common~edge.crt").body();
            JsonNode crypto = admin.get("/mgmt/tm/sys/crypto/cert/~Common~edge.crt").body();

            assertThat(file.path("keyType").asText()).isEqualTo("ec-public");
            assertThat(file.path("certificateKeyCurveName").asText()).isEqualTo("secp384r1");
            assertThat(file.path("certificateKeySize").asInt()).isEqualTo(384);
            assertThat(file.path("serialNumber").asText()).isEqualTo("4660");
            assertThat(file.path("expirationString").asText()).isEqualTo("Mar  4 05:06:07 2027 GMT");
            assertThat(file.path("expirationDate").asLong())
                    .isEqualTo(Instant.parse("2027-03-04T05:06:07Z").getEpochSecond());
            assertThat(file.path("subject").asText()).isEqualTo("CN=edge.example.com,O=Edge,C=US");
            assertThat(file.has("subjectAlternativeName")).isFalse();
            assertThat(crypto.path("expiration").asText()).isEqualTo("Mar  4 05:06:07 2027 GMT");
            assertThat(crypto.path("publicKeyType").asText()).isEqualTo("EC");
            assertThat(crypto.path("fingerprint").asText()).isEqualTo(fingerprint(certificate));
        }
    }

    @Test
    void aChangeNamingADetailIsRefusedAsReadOnly() throws Exception {
        X509Certificate certificate = signed(rsa().getPrivate(), "CN=ca.example.com", "CN=www.example.com", rsa(),
                BigInteger.TEN, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z"), null);
        try (MgmtFixture box = MgmtFixture.start(dataDir, new TestClock())) {
            MgmtClient admin = box.admin();
            upload(admin, "www.crt", pem(certificate));
            admin.post("/mgmt/tm/sys/file/ssl-cert", "{\"name\":\"www.crt\","
                    + "\"sourcePath\":\"file:///var/config/rest/downloads/www.crt\"}");

            Answer patched = admin.patch("/mgmt/tm/sys/file/ssl-cert/~Common~www.crt",
                    "{\"expirationString\":\"Jan  1 00:00:00 2099 GMT\"}");
            Answer created = admin.post("/mgmt/tm/sys/file/ssl-cert", "{\"name\":\"other.crt\","
                    + "\"subject\":\"CN=other\"}");

            assertThat(patched.status()).isEqualTo(400);
            assertThat(patched.body().path("message").asText())
                    .contains("expiration-string", "/Common/www.crt", "read-only");
            assertThat(created.status()).isEqualTo(400);
            assertThat(created.body().path("message").asText()).contains("subject", "read-only");
            assertThat(admin.get("/mgmt/tm/sys/file/ssl-cert/~Common~www.crt").body().path("expirationString")
                    .asText()).isEqualTo("Jan  1 00:00:00 2028 GMT");
        }
    }

    private static void upload(MgmtClient admin, String name, byte[] bytes) {
        assertThat(admin.send("POST", UPLOADS + name, bytes, "application/octet-stream",
                "Content-Range", "0-" + (bytes.length - 1) + "/" + bytes.length).status()).isEqualTo(200);
    }

    /** What changes with each generated key written as F5's fixture cannot hold it: {@code {fingerprint}}, {@code {checksum}}. */
    private static JsonNode withPlaceholders(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        copy.put("fingerprint", "{fingerprint}");
        copy.put("checksum", "{checksum}");
        return copy;
    }

    private static JsonNode golden(String resource) throws Exception {
        try (InputStream in = CertificateDetailsOverRestTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return "SHA256/" + HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    private static String sha1Checksum(byte[] bytes) throws Exception {
        return "SHA1:" + bytes.length + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate signed(PrivateKey signer, String issuer, String subject, KeyPair subjectKey,
            BigInteger serial, Instant notBefore, Instant notAfter, GeneralNames alternatives) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), subjectKey.getPublic());
        if (alternatives != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
        }
        String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm)
                .build(signer)));
    }

    private static byte[] pem(X509Certificate certificate) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
