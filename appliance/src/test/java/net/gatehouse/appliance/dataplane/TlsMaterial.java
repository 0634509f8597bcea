package net.gatehouse.appliance.dataplane;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key and certificate a test makes for a party outside the appliance (a TLS client or backend),
 * valid from an hour ago for a day by the real clock, self-signed or issued by another.
 */
record TlsMaterial(KeyPair keys, X509Certificate certificate) {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    static TlsMaterial selfSigned(String commonName) throws Exception {
        KeyPair keys = rsa();
        return new TlsMaterial(keys, sign(commonName, keys, commonName, keys, true));
    }

    TlsMaterial issue(String commonName) throws Exception {
        KeyPair leaf = rsa();
        return new TlsMaterial(leaf, sign(commonName, leaf, subject(), keys, false));
    }

    String subject() {
        return certificate.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
    }

    /** The certificate as a PEM file, for {@code install sys crypto cert ... from-local-file}. */
    Path writePem(Path directory, String name) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        Path file = directory.resolve(name + ".crt");
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    /** A JDK context presenting this certificate (with {@code chain} after it), trusting {@code trust}. */
    SSLContext context(javax.net.ssl.TrustManager trust, X509Certificate... chain) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        X509Certificate[] certificates = new X509Certificate[chain.length + 1];
        certificates[0] = certificate;
        System.arraycopy(chain, 0, certificates, 1, chain.length);
        store.setKeyEntry("me", keys.getPrivate(), new char[0], certificates);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), trust == null ? null : new javax.net.ssl.TrustManager[] {trust}, null);
        return context;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(String commonName, KeyPair subject, String issuerName, KeyPair issuer,
            boolean authority) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuerName),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + commonName), subject.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    /** A client without a certificate of its own, with its own session cache, that accepts whatever a virtual presents. */
    static SSLContext anyServer() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll()}, null);
        return context;
    }

    /** Trusts every certificate (the tests read and check what they were given). */
    static X509TrustManager trustAll() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}
