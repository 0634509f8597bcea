package net.gatehouse.mgmt;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's device certificate, which the management port presents: generated self-signed
 * at first boot (RSA 2048, ten years, like BIG-IP's {@code /config/httpd/conf/ssl.crt/server.crt})
 * and kept in the data directory as {@code mgmt/device.crt} and {@code mgmt/device.key}, the key
 * readable by the owner only.
 */
public record DeviceCertificate(X509Certificate certificate, PrivateKey privateKey) {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCertificate.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);

    /** Loads the device certificate from the data directory, creating it on first boot. */
    public static DeviceCertificate loadOrCreate(Path dataDirectory, Clock clock) {
        Path directory = dataDirectory.resolve("mgmt");
        Path certFile = directory.resolve("device.crt");
        Path keyFile = directory.resolve("device.key");
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                return read(certFile, keyFile);
            }
            DeviceCertificate created = generate(clock);
            Files.createDirectories(directory);
            writeKey(keyFile, created.privateKey);
            try (Writer out = Files.newBufferedWriter(certFile, StandardCharsets.US_ASCII);
                    JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(created.certificate);
            }
            LOG.info("Generated the self-signed device certificate {}", certFile);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("the device certificate in " + directory + " cannot be read or written", e);
        }
    }

    /** A TLS context presenting this certificate. */
    public SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("device", privateKey, password, new X509Certificate[] {certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the device certificate cannot be used for TLS", e);
        }
    }

    private static DeviceCertificate generate(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost.localdomain, OU=Gatehouse, O=Gatehouse");
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            return new DeviceCertificate(new JcaX509CertificateConverter().getCertificate(holder), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("the device certificate cannot be generated", e);
        }
    }

    private static void writeKey(Path keyFile, PrivateKey key) throws IOException {
        Files.deleteIfExists(keyFile);
        try {
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            LOG.warn("The file system of {} has no POSIX permissions; the key file keeps its default ones", keyFile);
            Files.createFile(keyFile);
        }
        try (Writer out = Files.newBufferedWriter(keyFile, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(key);
        }
    }

    private static DeviceCertificate read(Path certFile, Path keyFile) throws IOException {
        try (Reader certIn = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII);
                PEMParser certPem = new PEMParser(certIn);
                Reader keyIn = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII);
                PEMParser keyPem = new PEMParser(keyIn)) {
            X509CertificateHolder holder = (X509CertificateHolder) certPem.readObject();
            Object key = keyPem.readObject();
            PrivateKeyInfo info = key instanceof org.bouncycastle.openssl.PEMKeyPair pair
                    ? pair.getPrivateKeyInfo() : (PrivateKeyInfo) key;
            return new DeviceCertificate(new JcaX509CertificateConverter().getCertificate(holder),
                    new JcaPEMKeyConverter().getPrivateKey(info));
        } catch (java.security.cert.CertificateException | ClassCastException e) {
            throw new IOException("the device certificate files are not a PEM certificate and key", e);
        }
    }
}
