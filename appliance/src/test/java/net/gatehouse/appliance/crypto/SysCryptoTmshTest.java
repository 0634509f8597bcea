package net.gatehouse.appliance.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SysCryptoTmshTest {

    @TempDir
    Path data;

    @Test
    void anInstalledKeyAppearsInNoDatabaseListingSavedFileOrLog() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path keyFile = data.resolve("site.key");
        Files.write(keyFile, TestKeys.encryptedPkcs8(pair, "pw"));
        Path certFile = data.resolve("site.crt");
        Files.write(certFile, TestKeys.pem(TestKeys.certificate(pair, "site.example.com",
                CoreFixture.CLOCK.instant().minus(Duration.ofDays(1)), Duration.ofDays(90))));
        ListAppender<ILoggingEvent> logs = captureLogs();
        StringBuilder shown = new StringBuilder();
        try (CoreFixture core = CoreFixture.open(data.resolve("box"))) {
            core.tmsh("install sys crypto key site from-local-file " + keyFile + " passphrase pw");
            core.tmsh("install sys crypto cert site from-local-file " + certFile);
            core.tmsh("create ltm profile client-ssl site_ssl cert site key site");
            for (String line : List.of("list", "list all-properties", "list sys file ssl-key all-properties",
                    "list sys crypto key all-properties", "show sys crypto cert", "show sys crypto master-key")) {
                shown.append(core.tmsh(line));
            }
            shown.append(core.tmsh("save sys config"));
        }
        stopCapturing(logs);
        byte[] der = pair.getPrivate().getEncoded();
        LeakScan.assertNoPrivateKey("tmsh output", shown.toString(), der);
        LeakScan.assertNoPrivateKey("logs", String.join("\n", logs.list.stream()
                .map(ILoggingEvent::getFormattedMessage).toList()), der);
        try (Stream<Path> files = Files.walk(data.resolve("box"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                LeakScan.assertNoPrivateKey(file, der);
            }
        }
        assertThat(data.resolve("box/config.mv.db")).exists();
        assertThat(shown.toString()).contains("sys file ssl-key site {").doesNotContain("passphrase pw");
    }

    @Test
    void aGeneratedCertificateServesATlsHandshakeThatTheClientVerifies() throws Exception {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create sys crypto key web gen-certificate common-name web.example.com country US lifetime 30"
                    + " key-type ec-private curve-name prime256v1"
                    + " subject-alternative-name \"DNS:web.example.com,IP:127.0.0.1\"");
            assertThat(core.tmsh("list sys crypto cert web")).contains("common-name web.example.com")
                    .contains("key web\n").contains("lifetime 30");
            assertThat(core.tmsh("list sys file ssl-key web")).contains("curve-name prime256v1");
            CryptoService crypto = core.appliance().crypto();
            X509Certificate certificate = crypto.certificates(core.appliance().snapshot(), "/Common/web").orElseThrow().get(0);
            SSLContext server = crypto.serverContext(core.appliance().snapshot(), "/Common/web", "/Common/web");
            assertThat(handshake(server, certificate)).isEqualTo("CN=web.example.com,C=US");
        }
    }

    @Test
    void aProfileRefusesACertificateWithAnotherKeyNamingBoth() throws Exception {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create sys crypto key one gen-certificate common-name one.example.com key-type ec-private");
            core.tmsh("create sys crypto key two key-type ec-private");
            assertThat(core.tmshError("create ltm profile client-ssl mixed cert one key two"))
                    .isEqualTo("01070317:3: profile /Common/mixed's key (/Common/two) and certificate (/Common/one)"
                            + " do not match.");
            core.tmsh("create ltm profile client-ssl matched cert one key one");
        }
    }

    @Test
    void anExpiredCertificateIsRefusedWhenAttachedAndShownWithItsDaysLeft() throws Exception {
        KeyPair pair = TestKeys.ec();
        Path keyFile = data.resolve("old.key");
        Files.write(keyFile, TestKeys.traditionalPem(pair));
        Path certFile = data.resolve("old.crt");
        Files.write(certFile, TestKeys.pem(TestKeys.certificate(pair, "old.example.com",
                CoreFixture.CLOCK.instant().minus(Duration.ofDays(100)), Duration.ofDays(90))));
        Path soonFile = data.resolve("soon.crt");
        Files.write(soonFile, TestKeys.pem(TestKeys.certificate(pair, "soon.example.com",
                CoreFixture.CLOCK.instant().minus(Duration.ofDays(1)), Duration.ofDays(11))));
        ListAppender<ILoggingEvent> logs = captureLogs();
        try (CoreFixture core = CoreFixture.open(data.resolve("box"))) {
            core.tmsh("install sys crypto key old from-local-file " + keyFile);
            core.tmsh("install sys crypto cert old from-local-file " + certFile);
            core.tmsh("create sys file ssl-cert soon source-path file:" + soonFile);
            assertThat(core.tmshError("create ltm profile client-ssl stale cert old key old"))
                    .isEqualTo("01071ac3:3: profile /Common/stale cannot use certificate (/Common/old): it expired on"
                            + " Nov 19 08:00:00 2026 GMT.");
            assertThat(core.tmsh("show sys crypto cert old")).contains("Sys::Crypto::Certificate: /Common/old")
                    .contains("Days Left                 -10\n").contains("Status                    expired\n");
            assertThat(core.tmsh("show sys crypto cert soon")).contains("Days Left                 10\n")
                    .contains("Status                    will expire\n");
            core.appliance().crypto().logExpiring();
        }
        stopCapturing(logs);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("CN=soon.example.com in file /Common/soon will expire on Dec  9 08:00:00 2026 GMT (10 days left)")
                .contains("CN=old.example.com in file /Common/old expired on Nov 19 08:00:00 2026 GMT");
    }

    @Test
    void theMasterKeyShowsOnlyItsHashAndChangingItKeepsEveryKeyUsable() throws Exception {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create sys crypto key k gen-csr common-name k.example.com key-type ec-private");
            String before = core.tmsh("show sys crypto master-key");
            String key = Files.readString(data.resolve("master.key")).strip();
            assertThat(before).startsWith("Sys::Master-Key\nmaster-key hash <").contains("previous hash <>")
                    .doesNotContain(key);
            core.tmsh("modify sys crypto master-key");
            String after = core.tmsh("show sys crypto master-key");
            assertThat(after).contains("previous hash <" + before.lines().toList().get(1)
                    .substring("master-key hash <".length()));
            core.restart();
            assertThat(core.tmsh("show sys crypto csr k")).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
            X509Certificate device = core.appliance().crypto().deviceCertificate();
            assertThat(handshake(TlsContexts.jdk(core.appliance().crypto().deviceKeyManager()), device))
                    .startsWith("CN=localhost.localdomain");
            X509Certificate builtin = core.appliance().crypto().certificates(core.appliance().snapshot(),
                    "/Common/default.crt").orElseThrow().get(0);
            assertThat(core.appliance().crypto().publicKey("/Common/default.key")).contains(builtin.getPublicKey());
        }
    }

    /** Serves one TLS handshake on loopback and returns the subject the verifying client saw. */
    private static String handshake(SSLContext server, X509Certificate trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trusted", trusted);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, factory.getTrustManagers(), null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept(); OutputStream out = accepted.getOutputStream()) {
                    out.write('!');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory()
                    .createSocket("127.0.0.1", listener.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                assertThat(in.read()).isEqualTo('!');
                served.get(10, TimeUnit.SECONDS);
                return CertificateInfo.subject((X509Certificate) socket.getSession().getPeerCertificates()[0]);
            }
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
}
