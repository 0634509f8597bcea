package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import net.gatehouse.appliance.Await;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How client-ssl connections end: a normal end sends the client a TLS close_notify before TCP closes
 * (whether the backend closes first or the client half-closes first), and a failed handshake is reset and counted by cause in
 * {@code show net rst-cause}.
 */
class TlsEndingsIT {

    private static final int PORT = 443;

    @TempDir
    Path dir;

    private CoreFixture core;
    private String vip;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        core = CoreFixture.open(dir.resolve("box"));
        vip = Loopback.randomAddress();
    }

    @AfterEach
    void stop() {
        core.close();
        threads.shutdownNow();
    }

    @Test
    void whenTheServerClosesTheClientGetsCloseNotifyBeforeTheEndOfTheStream() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            threads.execute(() -> answerOnceAndClose(backend, "served and closed\n"));
            core.tmsh("create ltm pool web members add { 127.0.0.1:" + backend.getLocalPort() + " }");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp clientssl }");
            try (TlsEndingClient client = new TlsEndingClient(vip, PORT, "TLSv1.2")) {
                assertThat(client.awaitEnd()).isEqualTo(new TlsEndingClient.Ending("served and closed\n", true));
            }
        }
    }

    @Test
    void aClientThatHalfClosesGetsTheWholeAnswerAndThenCloseNotify() throws Exception {
        try (TestBackend backend = TestBackend.start("echo")) {
            core.tmsh("create ltm pool web members add { " + backend.member() + " }");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp clientssl }");
            try (TlsEndingClient client = new TlsEndingClient(vip, PORT, "TLSv1.2")) {
                client.send("one request\n");
                client.shutdownOutput();
                assertThat(client.awaitEnd()).isEqualTo(new TlsEndingClient.Ending("echo\none request\nbye\n", true));
            }
        }
    }

    @Test
    void handshakesThatFailAreResetAndCountedByCause() throws Exception {
        try (TestBackend backend = TestBackend.start("never-reached")) {
            core.tmsh("create ltm pool web members add { " + backend.member() + " }");
            core.tmsh("create ltm profile client-ssl narrow ciphers ECDHE+AES-GCM:!AES256");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp narrow }");

            assertThatThrownBy(() -> handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"))
                    .as("a cipher the profile does not allow").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> handshake("TLSv1.3", null))
                    .as("clientssl's options hold no-tlsv1.3").isInstanceOf(IOException.class);
            try (Socket plain = Loopback.connect(vip, PORT)) {
                plain.setSoTimeout(5_000);
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThatThrownBy(() -> plain.getInputStream().readAllBytes())
                        .as("bytes that are not TLS are answered with a reset").isInstanceOf(SocketException.class);
            }
            awaitCount("No shared ciphers", 1);
            awaitCount("Unsupported version", 1);
            awaitCount("Not SSL", 1);
            assertThat(backend.accepted()).isZero();
        }
    }

    @Test
    void aMissingClientCertificateIsCountedWhereTheProfileRequiresOne() throws Exception {
        try (TestBackend backend = TestBackend.start("never-reached")) {
            TlsMaterial authority = TlsMaterial.selfSigned("Client CA");
            core.tmsh("install sys crypto cert client-ca from-local-file " + authority.writePem(dir, "client-ca"));
            core.tmsh("create ltm pool web members add { " + backend.member() + " }");
            core.tmsh("create ltm profile client-ssl mutual peer-cert-mode require ca-file client-ca");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp mutual }");
            assertThatThrownBy(() -> {
                try (SSLSocket client = connect("TLSv1.2")) {
                    client.getInputStream().read();
                }
            }).isInstanceOf(IOException.class);
            awaitCount("Peer did not return a certificate", 1);
            assertThat(backend.accepted()).isZero();
        }
    }

    private void awaitCount(String cause, int count) {
        Await.await(cause + " counted " + count, Duration.ofSeconds(5), () -> core.tmsh("show net rst-cause")
                .lines().anyMatch(line -> line.matches(java.util.regex.Pattern.quote(cause) + "\\s+" + count)));
    }

    private void handshake(String protocol, String cipher) throws IOException {
        try (SSLSocket client = (SSLSocket) anyServer().getSocketFactory().createSocket()) {
            client.setSoTimeout(5_000);
            SSLParameters parameters = client.getSSLParameters();
            parameters.setProtocols(new String[] {protocol});
            if (cipher != null) {
                parameters.setCipherSuites(new String[] {cipher});
            }
            client.setSSLParameters(parameters);
            client.connect(new InetSocketAddress(vip, PORT), 5_000);
            client.startHandshake();
        }
    }

    private SSLSocket connect(String protocol) throws IOException {
        SSLSocket client = (SSLSocket) anyServer().getSocketFactory().createSocket();
        client.setSoTimeout(5_000);
        SSLParameters parameters = client.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        client.setSSLParameters(parameters);
        client.connect(new InetSocketAddress(vip, PORT), 5_000);
        client.startHandshake();
        return client;
    }

    private static void answerOnceAndClose(ServerSocket backend, String answer) {
        try (Socket served = backend.accept()) {
            OutputStream out = served.getOutputStream();
            out.write(answer.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the backend could not answer", e);
        }
    }

    private static SSLContext anyServer() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
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
            }}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
