package net.gatehouse.appliance.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.HostTmp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list sys file ssl-cert} and {@code list sys crypto cert} show what BIG-IP reads out of the
 * certificate (subject, issuer, expiration, key, serial number, fingerprint), read from the installed
 * file each time, never stored or saved and never accepted as input. The RSA certificate carries the
 * values of the {@code sys file ssl-cert} in F5's Ansible test data (BIG-IP 13.0.0: subject, issuer,
 * serial {@code 1}, {@code "expirationDate": 2098025169}, {@code "expirationString": "Jun 25 16:46:09
 * 2036 GMT"}), so the goldens in {@code golden/certificate-details/} show F5's values in F5's forms;
 * what changes with each generated key (fingerprint, checksum) and the import folder are written there
 * as {@code {fingerprint}}, {@code {checksum}} and {@code {folder}}. {@code -Dgolden.update=true}
 * rewrites the goldens.
 */
class CertificateDetailsInTmshTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/certificate-details");
    private static final String F5_SUBJECT = "CN=cert1.domain.local,OU=Coyote,O=ACME,ST=New York,C=US";
    private static final String F5_ISSUER = "CN=ourca.domain.local,OU=Coyote,O=ACME CA,L=New York,ST=New York,C=US";

    @TempDir(factory = HostTmp.class)
    Path dir;

    /** F5's published certificate: issued by a CA, serial 1, expiring Jun 25 16:46:09 2036 GMT. */
    private X509Certificate published() throws Exception {
        return signed(TestKeys.rsa().getPrivate(),
                "C=US,ST=New York,L=New York,O=ACME CA,OU=Coyote,CN=ourca.domain.local",
                "C=US,ST=New York,O=ACME,OU=Coyote,CN=cert1.domain.local", TestKeys.rsa(), BigInteger.ONE,
                Instant.parse("2016-06-30T16:46:09Z"), Instant.parse("2036-06-25T16:46:09Z"));
    }

    @Test
    void listSysFileSslCertShowsTheDetailsOfTheInstalledCertificateAsTheGolden() throws Exception {
        X509Certificate certificate = published();
        Path file = Files.write(dir.resolve("cert1.crt"), TestKeys.pem(certificate));
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            core.tmsh("install sys crypto cert cert1.crt from-local-file " + file);

            String listed = core.tmsh("list sys file ssl-cert cert1.crt");

            assertThat(listed).contains("    expiration-date 2098025169\n",
                    "    expiration-string \"Jun 25 16:46:09 2036 GMT\"\n",
                    "    subject \"" + F5_SUBJECT + "\"\n", "    issuer \"" + F5_ISSUER + "\"\n",
                    "    key-type rsa-public\n", "    certificate-key-size 2048\n",
                    "    certificate-key-curve-name none\n", "    serial-number 1\n", "    version 3\n",
                    "    fingerprint " + fingerprint(certificate) + "\n");
            assertGolden("list-sys-file-ssl-cert.txt", placeholders(listed, certificate, file));
        }
    }

    @Test
    void listSysCryptoCertShowsExpirationIssuerAndFingerprintUnquotedAsBigIpListsThem() throws Exception {
        X509Certificate certificate = published();
        Path file = Files.write(dir.resolve("cert1.crt"), TestKeys.pem(certificate));
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            core.tmsh("install sys crypto cert cert1.crt from-local-file " + file);

            String listed = core.tmsh("list sys crypto cert cert1.crt");

            assertThat(listed).contains("    expiration Jun 25 16:46:09 2036 GMT\n", "    issuer " + F5_ISSUER + "\n",
                    "    certificate-key-size 2048\n", "    public-key-type RSA\n",
                    "    fingerprint " + fingerprint(certificate) + "\n");
            assertGolden("list-sys-crypto-cert.txt", placeholders(listed, certificate, file));
        }
    }

    @Test
    void anEcCertificateShowsItsCurveKeySizeAndALongSerialNumberInHex() throws Exception {
        KeyPair ec = TestKeys.ec();
        BigInteger serial = new BigInteger("03a1b2c3d4e5f60718293a4b5c6d7e8f90", 16);
        X509Certificate certificate = signed(ec.getPrivate(), "C=GB,O=Edge,CN=edge.example.com",
                "C=GB,O=Edge,CN=edge.example.com", ec, serial, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2027-01-02T03:04:05Z"));
        Path file = Files.write(dir.resolve("edge.crt"), TestKeys.pem(certificate));
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            core.tmsh("install sys crypto cert edge.crt from-local-file " + file);

            String listed = core.tmsh("list sys file ssl-cert edge.crt");
            String crypto = core.tmsh("list sys crypto cert edge.crt");

            assertThat(listed).contains("    key-type ec-public\n", "    certificate-key-size 256\n",
                    "    certificate-key-curve-name prime256v1\n",
                    "    serial-number 03:a1:b2:c3:d4:e5:f6:07:18:29:3a:4b:5c:6d:7e:8f:90\n",
                    "    expiration-date " + Instant.parse("2027-01-02T03:04:05Z").getEpochSecond() + "\n",
                    "    expiration-string \"Jan  2 03:04:05 2027 GMT\"\n",
                    "    subject CN=edge.example.com,O=Edge,C=GB\n");
            assertThat(listed).doesNotContain("subject-alternative-name");
            assertThat(crypto).contains("    public-key-type EC\n", "    certificate-key-size 256\n",
                    "    expiration Jan  2 03:04:05 2027 GMT\n");
        }
    }

    @Test
    void allPropertiesShowsTheDetailsAndACertificateWithoutMaterialShowsNone() throws Exception {
        X509Certificate certificate = published();
        Path file = Files.write(dir.resolve("cert1.crt"), TestKeys.pem(certificate));
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            core.tmsh("install sys crypto cert cert1.crt from-local-file " + file);
            core.tmsh("create sys file ssl-cert elsewhere.crt cache-path /config/ssl/ssl.crt/elsewhere.crt");

            assertThat(core.tmsh("list sys file ssl-cert cert1.crt all-properties"))
                    .contains("    expiration-string \"Jun 25 16:46:09 2036 GMT\"\n", "    partition Common\n");
            assertThat(core.tmsh("list sys file ssl-cert elsewhere.crt all-properties"))
                    .doesNotContain("expiration", "subject", "issuer", "fingerprint", "key-type");
        }
    }

    @Test
    void theDetailsAreReadOnly() throws Exception {
        Path file = Files.write(dir.resolve("cert1.crt"), TestKeys.pem(published()));
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            core.tmsh("install sys crypto cert cert1.crt from-local-file " + file);
            String before = core.tmsh("list sys file ssl-cert cert1.crt");

            assertThat(core.tmshError("modify sys file ssl-cert cert1.crt expiration-string \"Jan  1 00:00:00 2099 GMT\""))
                    .contains("expiration-string", "/Common/cert1.crt", "read-only");
            assertThat(core.tmshError("modify sys crypto cert cert1.crt expiration \"Jan  1 00:00:00 2099 GMT\""))
                    .contains("expiration", "/Common/cert1.crt", "read-only");
            assertThat(core.tmshError("create sys file ssl-cert other.crt subject CN=other"))
                    .contains("subject", "/Common/other.crt", "read-only");
            assertThat(core.tmsh("list sys file ssl-cert cert1.crt")).isEqualTo(before);
        }
    }

    @Test
    void saveSysConfigWritesNoneOfTheDetails() throws Exception {
        Path file = Files.write(dir.resolve("cert1.crt"), TestKeys.pem(published()));
        Path box = dir.resolve("box");
        try (CoreFixture core = CoreFixture.open(box)) {
            core.tmsh("install sys crypto cert cert1.crt from-local-file " + file);
            core.tmsh("save sys config");
        }
        String saved = Files.readString(box.resolve("config/bigip.conf"));
        String stanza = saved.substring(saved.indexOf("sys file ssl-cert /Common/cert1.crt {"));
        stanza = stanza.substring(0, stanza.indexOf("\n}\n") + 3);
        assertThat(stanza).contains("cache-path", "checksum", "source-path")
                .doesNotContain("expiration", "subject", "issuer", "fingerprint", "key-type", "certificate-key",
                        "serial-number", "version");
        String cryptoStanza = saved.substring(saved.indexOf("sys crypto cert /Common/cert1.crt {"));
        cryptoStanza = cryptoStanza.substring(0, cryptoStanza.indexOf("\n}\n") + 3);
        assertThat(cryptoStanza).contains("common-name cert1.domain.local")
                .doesNotContain("expiration", "issuer", "fingerprint", "public-key-type", "certificate-key-size");
    }

    /** The text with what changes from run to run written as {@code {fingerprint}}, {@code {checksum}}, {@code {folder}}. */
    private String placeholders(String listed, X509Certificate certificate, Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String checksum = "SHA1:" + bytes.length + ":"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        return listed.replace(fingerprint(certificate), "{fingerprint}").replace(checksum, "{checksum}")
                .replace(dir.toString(), "{folder}");
    }

    private void assertGolden(String name, String text) throws Exception {
        Path golden = GOLDEN.resolve(name);
        if (UPDATE) {
            Files.writeString(golden, text, StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    /** The SHA-256 of the certificate's DER bytes, as {@code SHA256/AB:CD:...}. */
    static String fingerprint(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return "SHA256/" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    }

    private static X509Certificate signed(PrivateKey signer, String issuer, String subject, KeyPair subjectKey,
            BigInteger serial, Instant notBefore, Instant notAfter) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                Date.from(notBefore), Date.from(notAfter), new X500Name(subject), subjectKey.getPublic());
        String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm)
                .build(signer)));
    }

    @Test
    void theBoxsOwnDefaultCertificateListsAsASysCryptoCertWithItsSubjectAndDetails() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            String listed = core.tmsh("list sys crypto cert default.crt");

            assertThat(listed).startsWith("sys crypto cert default.crt {")
                    .contains("    common-name localhost.localdomain\n")
                    .contains("    key default.key\n")
                    .contains("    public-key-type RSA\n")
                    .containsPattern("    expiration [A-Z][a-z]{2} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4} GMT\n");
            assertThat(core.tmsh("list sys crypto cert")).contains("sys crypto cert ca-bundle.crt");
            assertThat(core.tmsh("list sys crypto key")).contains("sys crypto key default.key");
        }
    }
}
