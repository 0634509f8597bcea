package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The L7 path end to end: a virtual with an http profile in front of real HTTP backends. */
class HttpProxyIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    private CoreFixture core;
    private HttpBackend backend;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        backend = HttpBackend.start("one");
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + backend.member() + " }");
    }

    @AfterEach
    void stop() {
        core.close();
        backend.close();
    }

    private void virtual(String httpProfile) {
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp "
                + httpProfile + " }");
    }

    private String url(String path) {
        return "http://" + vip + ":" + PORT + path;
    }

    @Test
    void tenThousandSequentialKeepAliveRequestsOnOneConnectionAllSucceed() throws Exception {
        virtual("http");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int errors = 0;
        for (int i = 0; i < 10_000; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url("/n" + i)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().equals("/n" + i)) {
                errors++;
            }
        }
        assertThat(errors).isZero();
        assertThat(core.appliance().dataPlane().virtual("/Common/vs").orElseThrow().clientSide().totalConnections())
                .isLessThanOrEqualTo(2);
        assertThat(core.appliance().dataPlane().resetCauses().values().stream().mapToLong(Long::longValue).sum())
                .isZero();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET /first HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /second HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /third HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
            String all = readAll(socket.getInputStream());
            assertThat(all.indexOf("/first")).isPositive();
            assertThat(all.indexOf("/first")).isLessThan(all.indexOf("/second"));
            assertThat(all.indexOf("/second")).isLessThan(all.indexOf("/third"));
            assertThat(all.split("HTTP/1.1 200", -1)).hasSize(4);
        }
    }

    @Test
    void headNoContentAndNotModifiedHaveNoBodyAndKeepTheConnectionInStep() throws Exception {
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("HEAD /named HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status/204 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status/304 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /named HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
            String all = readAll(socket.getInputStream());
            String[] responses = all.split("(?=HTTP/1.1 )");
            assertThat(responses).hasSize(4);
            assertThat(responses[0]).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
            assertThat(responses[1]).startsWith("HTTP/1.1 204").endsWith("\r\n\r\n");
            assertThat(responses[2]).startsWith("HTTP/1.1 304").endsWith("\r\n\r\n");
            assertThat(responses[3]).startsWith("HTTP/1.1 200").endsWith("\r\n\r\none");
        }
    }

    @Test
    void expectContinueGetsTheServersHundredContinueBeforeTheBodyIsSent() throws Exception {
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
            InputStream in = socket.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 100");
            out.write(ascii("hello"));
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");
            assertThat(new String(in.readNBytes(1), StandardCharsets.US_ASCII)).isEqualTo("5");
        }
    }

    @Test
    void forwardedForAndHeaderInsertAndEraseReachTheServerAndHopByHopFieldsDoNot() throws Exception {
        core.tmsh("create ltm profile http h1 insert-xforwarded-for enabled header-insert \"X-Inserted: yes\""
                + " header-erase X-Secret");
        virtual("h1");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET /echo HTTP/1.1\r\nHost: a\r\nX-Secret: s3\r\n"
                    + "Keep-Alive: timeout=5\r\nConnection: close, X-Private\r\nX-Private: p\r\n\r\n"));
            String all = readAll(socket.getInputStream());
            assertThat(all).contains("x-forwarded-for: 127.0.0.1").contains("x-inserted: yes")
                    .doesNotContain("x-secret").doesNotContain("x-private").doesNotContain("keep-alive:");
        }
    }

    @Test
    void aWebSocketUpgradeSwitchesToByteForwardingAndEchoes() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture.runAsync(() -> serveUpgradeEcho(echo));
            core.tmsh("modify ltm pool web members replace-all-with { 127.0.0.1:" + echo.getLocalPort() + " }");
            virtual("http");
            try (Socket socket = connect(vip, PORT)) {
                socket.getOutputStream().write(ascii("GET /chat HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n"));
                InputStream in = socket.getInputStream();
                assertThat(readHead(in)).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");
                socket.getOutputStream().write("\u0081\u0005hello".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(new String(in.readNBytes(7), StandardCharsets.ISO_8859_1)).isEqualTo("\u0081\u0005hello");
            }
        }
    }

    /** A backend that switches any request to an echo of raw bytes. */
    private static void serveUpgradeEcho(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            readHead(in);
            OutputStream out = socket.getOutputStream();
            out.write(ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
            byte[] buffer = new byte[1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSlowClientSendingItsHeadersTimesOutAndIsResetWithTheCauseCounted() throws Exception {
        core.tmsh("modify sys db tm.gatehouse.http.headertimeout value 1");
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("GET / HTTP/1.1\r\nHost: a\r\n"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            boolean cut = false;
            while (!cut && System.nanoTime() < deadline) {
                try {
                    out.write(ascii("X-Slow: 1\r\n"));
                    Thread.sleep(200);
                } catch (SocketException e) {
                    cut = true;
                }
            }
            assertThat(cut).isTrue();
        }
        assertThat(core.appliance().dataPlane().resetCauses().get(ResetCause.HTTP_HEADER_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void noMemberAvailableResetsTheClientWithTheCauseCounted() throws Exception {
        core.tmsh("modify ltm pool web members modify { " + backend.member() + " { state user-down } }");
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
            assertThat(readAll(socket.getInputStream())).isEqualTo("[reset]");
        }
        await("the cause is counted", Duration.ofSeconds(5), () ->
                core.appliance().dataPlane().resetCauses().get(ResetCause.NO_MEMBER_AVAILABLE) == 1);
    }

    @Test
    void fallbackHostTurnsNoMemberIntoARedirect() throws Exception {
        core.tmsh("modify ltm pool web members modify { " + backend.member() + " { state user-down } }");
        core.tmsh("create ltm profile http fb fallback-host http://sorry.example.com/ server-agent-name Gatehouse");
        virtual("fb");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
            String answer = readAll(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 302 Found").contains("location: http://sorry.example.com/")
                    .contains("server: Gatehouse");
        }
    }

    @Test
    void theErrorPageKeyAnswersAFailureWithAnErrorPage() throws Exception {
        core.tmsh("modify sys db tm.gatehouse.http.errorpage value enable");
        core.tmsh("modify ltm pool web members modify { " + backend.member() + " { state user-down } }");
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 503 Service Unavailable")
                    .contains("server: BigIP").contains("No pool member available");
        }
    }

    @Test
    void fallbackStatusCodesRedirectAndRedirectRewriteTurnsLocationsToHttps() throws Exception {
        core.tmsh("create ltm profile http fb fallback-host http://sorry.example.com/ fallback-status-codes { 500 }");
        virtual("fb");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET /status/500 HTTP/1.1\r\nHost: a\r\n\r\n"));
            assertThat(readAll(socket.getInputStream())).startsWith("HTTP/1.1 302")
                    .contains("location: http://sorry.example.com/");
        }
        assertThat(HttpRewrites.rewriteRedirect("http://a.example:80/x", "all", "b", "10.0.0.1"))
                .isEqualTo("https://a.example/x");
        assertThat(HttpRewrites.rewriteRedirect("http://a.example/x", "matching", "b.example", "10.0.0.1"))
                .isEqualTo("http://a.example/x");
        assertThat(HttpRewrites.rewriteRedirect("http://10.0.0.1:8080/x", "nodes", "b", "10.0.0.1"))
                .isEqualTo("https://10.0.0.1:8080/x");
    }

    @Test
    void requestsAndResponseClassesAreCounted() throws Exception {
        virtual("http");
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status/404 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"));
            readAll(socket.getInputStream());
        }
        HttpStats stats = core.appliance().dataPlane().virtual("/Common/vs").orElseThrow().http();
        assertThat(stats).isEqualTo(new HttpStats(2, 0, 1, 0, 1, 0));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            out.write(ascii("[reset]"));
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads a response head, up to and including the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < 65536 && !head.toString().endsWith("\r\n\r\n"); i++) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
