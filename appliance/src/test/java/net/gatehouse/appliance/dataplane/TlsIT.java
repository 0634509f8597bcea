package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static net.gatehouse.appliance.dataplane.TlsMaterial.anyServer;
import static net.gatehouse.appliance.dataplane.TlsMaterial.trustAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import net.gatehouse.appliance.Await;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.dataplane.tls.TlsEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on virtual servers, with real clients, real handshakes and real backends on loopback. */
class TlsIT {

    private static final int PORT = 443;
    private static final String JDK_SERVER_TICKETS = "jdk.tls.server.enableSessionTicketExtension";

    @TempDir
    Path dir;

    private CoreFixture core;
    private TestBackend backend;
    private String vip;

    /** What a client saw of one connection through a virtual. */
    private record Seen(String greeting, String subject, String protocol, String cipher, String alpn) {
    }

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir.resolve("box"));
        backend = TestBackend.start("plain-backend");
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + backend.member() + " }");
    }

    @AfterEach
    void stop() throws IOException {
        core.close();
        backend.close();
    }

    /**
     * Two names, three certificates: one.example.com has an RSA and an EC certificate side by side.
     * Both profiles turn TLS 1.3 back on (clientssl's options, which they would inherit, hold no-tlsv1.3).
     */
    private void sniVirtual() {
        core.tmsh("create sys crypto key one-rsa gen-certificate common-name one.example.com");
        core.tmsh("create sys crypto key one-ec key-type ec-private curve-name prime256v1"
                + " gen-certificate common-name one-ec.example.com");
        core.tmsh("create sys crypto key two key-type ec-private gen-certificate common-name two.example.com");
        core.tmsh("create ltm profile client-ssl one cert-key-chain replace-all-with {"
                + " rsa { cert one-rsa key one-rsa } ec { cert one-ec key one-ec } }"
                + " server-name one.example.com sni-default true options { dont-insert-empty-fragments }");
        core.tmsh("create ltm profile client-ssl two cert-key-chain replace-all-with { two { cert two key two } }"
                + " server-name two.example.com options { dont-insert-empty-fragments }");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp one two }");
    }

    @Test
    void aClientReceivesTheCertificateItsSniNameChoosesAndRsaAndEcServeSideBySide() throws Exception {
        sniVirtual();
        Seen two = handshake(anyServer(), "two.example.com", "TLSv1.3", null);
        assertThat(two.subject()).isEqualTo("CN=two.example.com");
        assertThat(two.greeting()).isEqualTo("plain-backend");
        assertThat(two.protocol()).isEqualTo("TLSv1.3");
        assertThat(two.alpn()).isEqualTo("http/1.1");

        Seen oneEc = handshake(anyServer(), "one.example.com", "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThat(oneEc.subject()).isEqualTo("CN=one-ec.example.com");
        Seen oneRsa = handshake(anyServer(), "one.example.com", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(oneRsa.subject()).isEqualTo("CN=one.example.com");
        assertThat(oneRsa.greeting()).isEqualTo("plain-backend");

        Seen unnamed = handshake(anyServer(), null, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(unnamed.subject()).as("the sni-default profile answers without SNI").isEqualTo("CN=one.example.com");
        Seen other = handshake(anyServer(), "three.example.com", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(other.subject()).isEqualTo("CN=one.example.com");
    }

    @Test
    void clientsThatLeaveBeforeTheirHandshakeEndsLeaveAnHttpVirtualCountingNothing() throws Exception {
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT
                + " pool web profiles add { tcp http clientssl }");
        for (int i = 0; i < 5; i++) {
            try (Socket socket = Loopback.connect(vip, PORT)) {
                socket.shutdownOutput();
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
        try (SSLSocket socket = (SSLSocket) anyServer().getSocketFactory().createSocket()) {
            socket.setSoTimeout(5_000);
            socket.connect(new InetSocketAddress(vip, PORT), 5_000);
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
        Await.await("no client-side connection is left counted", Duration.ofSeconds(5), () -> core.tmsh(
                "show ltm virtual vs").lines().anyMatch(line -> line.matches("\\s*Current Connections\\s+0\\s.*")));
    }

    @Test
    void aCacheSizeOfZeroMakesEveryConnectionAFullHandshakeWhileTheDefaultResumes() throws Exception {
        cacheSizeZeroAgainstTheDefault();
    }

    /**
     * The JDK's engine too, with its stateless tickets off as the box's launcher turns them off: its
     * server cache has no off switch, so each session is discarded once its handshake is done.
     */
    @Test
    void withTheJdkEngineACacheSizeOfZeroAlsoMakesEveryConnectionAFullHandshake() throws Exception {
        core.close();
        String engine = System.getProperty(TlsEngine.PROPERTY);
        String tickets = System.getProperty(JDK_SERVER_TICKETS);
        System.setProperty(TlsEngine.PROPERTY, "jdk");
        System.setProperty(JDK_SERVER_TICKETS, "false");
        try {
            core = CoreFixture.open(dir.resolve("jdk-box"));
            core.tmsh("create ltm pool web members add { " + backend.member() + " }");
            assertThat(core.appliance().dataPlane().tlsEngine().openSsl()).isFalse();
            cacheSizeZeroAgainstTheDefault();
        } finally {
            restore(TlsEngine.PROPERTY, engine);
            restore(JDK_SERVER_TICKETS, tickets);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private void cacheSizeZeroAgainstTheDefault() throws Exception {
        core.tmsh("create ltm profile client-ssl nocache cache-size 0");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp clientssl }");
        core.tmsh("create ltm virtual vs0 destination " + vip + ":" + (PORT + 1) + " pool web profiles add { tcp nocache }");

        assertThat(resumed(PORT)).as("the default clientssl keeps sessions").isTrue();
        assertThat(resumed(PORT + 1)).as("cache-size 0 keeps none").isFalse();
        assertThat(resumed(PORT + 1)).as("nor a second time").isFalse();
    }

    /** Whether a second TLS 1.2 connection with the same client context resumed the first one's session. */
    private boolean resumed(int port) throws Exception {
        SSLContext context = anyServer();
        byte[] first = sessionId(context, port);
        return first.length > 0 && Arrays.equals(first, sessionId(context, port));
    }

    private byte[] sessionId(SSLContext context, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.setSoTimeout(5_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.connect(new InetSocketAddress(vip, port), 5_000);
            socket.startHandshake();
            return socket.getSession().getId();
        }
    }

    @Test
    void curlGetsTheCertificateOfTheNameItResolves() throws Exception {
        sniVirtual();
        Optional<Path> curl = Optional.of(Path.of("/usr/bin/curl")).filter(Files::isExecutable);
        org.junit.jupiter.api.Assumptions.assumeTrue(curl.isPresent(), "curl is not installed");
        String verbose = curl("two.example.com");
        assertThat(verbose).contains("CN=two.example.com").contains("http/1.1");
        assertThat(curl("one.example.com")).contains("CN=one");
    }

    @Test
    void theBuiltInClientsslOffersTls12OnlyAndCiphersNarrowTheChoice() throws Exception {
        core.tmsh("create ltm profile client-ssl narrow ciphers ECDHE+AES-GCM:!AES256");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp narrow }");
        Seen seen = handshake(anyServer(), null, null, null);
        assertThat(seen.protocol()).as("clientssl's options hold no-tlsv1.3").isEqualTo("TLSv1.2");
        assertThat(seen.cipher()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(seen.subject()).as("default.crt, inherited from clientssl").startsWith("CN=localhost.localdomain,");
        assertThat(attempt(anyServer(), null, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).isEmpty();
    }

    @Test
    void sessionTicketsAreIssuedOnlyWhenTheProfileEnablesThem() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
                "openssl is not installed");
        org.junit.jupiter.api.Assumptions.assumeTrue(core.appliance().dataPlane().tlsEngine().openSsl(),
                "tickets are set per profile only on the OpenSSL engine");
        core.tmsh("create ltm profile client-ssl tickets session-ticket enabled");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp clientssl }");
        assertThat(openSsl()).doesNotContain("TLS session ticket:");
        core.tmsh("modify ltm virtual vs profiles replace-all-with { tcp tickets }");
        assertThat(openSsl()).contains("TLS session ticket:");
    }

    private String openSsl() throws Exception {
        Process process = new ProcessBuilder("/usr/bin/openssl", "s_client", "-connect", vip + ":" + PORT,
                "-tls1_2").redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    @Test
    void aProfileThatRequiresAClientCertificateRefusesAClientWithoutOne() throws Exception {
        TlsMaterial authority = TlsMaterial.selfSigned("Client CA");
        TlsMaterial client = authority.issue("client.example.com");
        core.tmsh("install sys crypto cert client-ca from-local-file " + authority.writePem(dir, "client-ca"));
        core.tmsh("create ltm profile client-ssl mutual peer-cert-mode require ca-file client-ca authenticate-depth 2");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp mutual }");

        assertThat(attempt(anyServer(), null, null, null)).as("no client certificate").isEmpty();
        assertThat(attempt(client.context(trustAll()), null, null, null)).map(Seen::greeting)
                .contains("plain-backend");
        TlsMaterial stranger = TlsMaterial.selfSigned("stranger.example.com");
        assertThat(attempt(stranger.context(trustAll()), null, null, null)).as("a certificate of another CA").isEmpty();
    }

    @Test
    void serverSslReencryptsToATlsBackendWithItsServerNameAndVerifiesWhenRequired() throws Exception {
        TlsMaterial trusted = TlsMaterial.selfSigned("backend.example.com");
        TlsMaterial untrusted = TlsMaterial.selfSigned("impostor.example.com");
        try (TlsBackend good = TlsBackend.start("tls-backend", trusted);
                TlsBackend bad = TlsBackend.start("impostor", untrusted)) {
            core.tmsh("install sys crypto cert backend-ca from-local-file " + trusted.writePem(dir, "backend-ca"));
            core.tmsh("create ltm pool tls-good members add { " + good.member() + " }");
            core.tmsh("create ltm pool tls-bad members add { " + bad.member() + " }");
            core.tmsh("create ltm profile server-ssl to-backend server-name backend.example.com");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT
                    + " pool tls-good profiles add { tcp to-backend }");
            assertThat(plainGreeting()).isEqualTo("tls-backend backend.example.com");

            core.tmsh("modify ltm virtual vs pool tls-bad");
            assertThat(plainGreeting()).as("without verification any backend is accepted")
                    .isEqualTo("impostor backend.example.com");

            core.tmsh("modify ltm profile server-ssl to-backend peer-cert-mode require ca-file backend-ca");
            assertThat(plainGreeting()).as("an untrusted backend is refused").isNull();
            core.tmsh("modify ltm virtual vs pool tls-good");
            assertThat(plainGreeting()).isEqualTo("tls-backend backend.example.com");
        }
    }

    @Test
    void terminationAndReencryptionTogetherCarryTheClientsBytes() throws Exception {
        TlsMaterial backendCert = TlsMaterial.selfSigned("backend.example.com");
        try (TlsBackend tlsBackend = TlsBackend.start("tls-backend", backendCert)) {
            core.tmsh("create ltm pool tls members add { " + tlsBackend.member() + " }");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT
                    + " pool tls profiles add { tcp clientssl serverssl }");
            assertThat(handshake(anyServer(), null, null, null).greeting()).isEqualTo("tls-backend -");
        }
    }

    @Test
    void aMismatchedCertificateAndKeyStayRefusedAndTheVirtualKeepsItsCertificate() throws Exception {
        sniVirtual();
        assertThat(core.tmshError("modify ltm profile client-ssl two cert-key-chain replace-all-with"
                + " { two { cert two key one-rsa } }"))
                .startsWith("01070317:3: profile /Common/two's key (/Common/one-rsa) and certificate (/Common/two)");
        assertThat(handshake(anyServer(), "two.example.com", null, null).subject()).isEqualTo("CN=two.example.com");
    }

    @Test
    void aProfileWhoseCertificateChangesServesTheNewOneToNewConnections() throws Exception {
        sniVirtual();
        core.tmsh("create sys crypto key two-next key-type ec-private gen-certificate common-name two-next.example.com");
        core.tmsh("modify ltm profile client-ssl two cert-key-chain replace-all-with { two { cert two-next key two-next } }");
        await("the new certificate", Duration.ofSeconds(5), () -> {
            try {
                return handshake(anyServer(), "two.example.com", null, null).subject()
                        .equals("CN=two-next.example.com");
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    // ------------------------------------------------------------------ clients

    private String plainGreeting() throws IOException {
        try (java.net.Socket socket = Loopback.connect(vip, PORT)) {
            return readLine(socket.getInputStream());
        } catch (java.net.SocketException e) {
            return null;
        }
    }

    private String curl(String name) throws Exception {
        Process process = new ProcessBuilder("/usr/bin/curl", "-sv", "-k", "--max-time", "5", "--http1.1",
                "--resolve", name + ":" + PORT + ":" + vip, "https://" + name + ":" + PORT + "/")
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private Optional<Seen> attempt(SSLContext context, String sni, String protocol, String cipher) {
        try {
            Seen seen = handshake(context, sni, protocol, cipher);
            return seen.greeting() == null ? Optional.empty() : Optional.of(seen);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Seen handshake(SSLContext context, String sni, String protocol, String cipher) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            if (sni != null) {
                parameters.setServerNames(List.of(new SNIHostName(sni)));
            }
            if (protocol != null) {
                parameters.setProtocols(new String[] {protocol});
            }
            if (cipher != null) {
                parameters.setCipherSuites(new String[] {cipher});
            }
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(vip, PORT), 5_000);
            socket.startHandshake();
            String greeting = readLine(socket.getInputStream());
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return new Seen(greeting, leaf.getSubjectX500Principal().getName(), socket.getSession().getProtocol(),
                    socket.getSession().getCipherSuite(), socket.getApplicationProtocol());
        }
    }
}
