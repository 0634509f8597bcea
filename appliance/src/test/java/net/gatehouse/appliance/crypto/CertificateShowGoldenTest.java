package net.gatehouse.appliance.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.HostTmp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show sys crypto cert} lays certificates out as the golden {@code show/crypto-cert.txt} (see
 * {@code show/README.md}): the first certificate carries the subject, issuer, expiration and key of
 * the {@code sys file ssl-cert} F5 publishes in its Ansible modules' test data (BIG-IP 13.0.0), so
 * those lines show F5's own values in F5's own forms; the second is an EC certificate near expiry.
 * {@code -Dgolden.update=true} rewrites the golden.
 */
class CertificateShowGoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/show/crypto-cert.txt");

    @TempDir(factory = HostTmp.class)
    Path dir;

    @Test
    void certificatesAreShownAsTheGolden() throws Exception {
        KeyPair authority = TestKeys.rsa();
        X509Certificate published = signed(authority.getPrivate(),
                "C=US,ST=New York,L=New York,O=ACME CA,OU=Coyote,CN=ourca.domain.local",
                "C=US,ST=New York,O=ACME,OU=Coyote,CN=cert1.domain.local", TestKeys.rsa(), BigInteger.ONE,
                Instant.parse("2016-06-30T16:46:09Z"), Instant.parse("2036-06-25T16:46:09Z"),
                new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "cert1.domain.local"),
                    new GeneralName(GeneralName.iPAddress, "10.0.0.1")}));
        KeyPair ec = TestKeys.ec();
        X509Certificate soon = signed(ec.getPrivate(), "CN=edge.example.com", "CN=edge.example.com", ec,
                BigInteger.valueOf(2), Instant.parse("2026-09-10T08:00:00Z"), Instant.parse("2026-12-09T08:00:00Z"), null);
        Path first = Files.write(dir.resolve("cert1.crt"), TestKeys.pem(published));
        Path second = Files.write(dir.resolve("edge.crt"), TestKeys.pem(soon));

        String shown;
        try (CoreFixture core = CoreFixture.open(dir.resolve("box"))) {
            core.tmsh("install sys crypto cert cert1.crt from-local-file " + first);
            core.tmsh("install sys crypto cert edge.crt from-local-file " + second);
            shown = core.tmsh("show sys crypto cert cert1.crt edge.crt");
        }

        if (UPDATE) {
            Files.writeString(GOLDEN, shown, StandardCharsets.UTF_8);
        }
        assertThat(shown).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
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
}
