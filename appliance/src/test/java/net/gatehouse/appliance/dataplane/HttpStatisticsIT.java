package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import net.gatehouse.appliance.Await;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.dataplane.stats.HttpProfileStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP statistics end to end: GET, POST and HEAD through an http virtual to a real backend that
 * answers 200, 301, 404 and 503 are counted on the http profile ({@code show ltm profile http}),
 * the virtual ({@code Total Requests}), its pool, member and node; a request with no member to go
 * to is counted on its virtual and profile, and its reset under {@code show net rst-cause};
 * {@code reset-stats ltm profile http} zeroes the profile.
 */
class HttpStatisticsIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    @Test
    void requestsMethodsVersionsAndResponseClassesAreCountedAndShown() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir); HttpBackend backend = HttpBackend.start("one")) {
            String vip = Loopback.randomAddress();
            String empty = Loopback.randomAddress();
            core.tmsh("create ltm pool web members add { " + backend.member() + " }");
            core.tmsh("create ltm pool nobody");
            core.tmsh("create ltm profile http other_http");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http }");
            core.tmsh("create ltm virtual vs_nobody destination " + empty + ":" + PORT
                    + " pool nobody profiles add { tcp other_http }");

            String answers = exchange(vip, "GET /status/200 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "POST /status/301 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                    + "HEAD /status/404 HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /status/503 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertThat(answers).contains("HTTP/1.1 200", "HTTP/1.1 301", "HTTP/1.1 404", "HTTP/1.1 503");
            assertThat(exchange(vip, "GET /status/200 HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200");
            assertThat(exchange(empty, "GET / HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo("[reset]");

            DataPlane dataPlane = core.appliance().dataPlane();
            Await.await("the last response is counted", Duration.ofSeconds(5),
                    () -> dataPlane.httpProfile("/Common/http").stats().requests() == 5);
            assertThat(dataPlane.httpProfile("/Common/http")).isEqualTo(new Reports.HttpProfile("/Common/http", 1,
                    new HttpProfileStats(5, 3, 1, 0, 1, 4, 4, 0, 0, 5, 2, 1, 1, 1, 0)));
            assertThat(dataPlane.httpProfile("/Common/other_http").stats().requests()).isEqualTo(1);
            HttpStats fiveAnswered = new HttpStats(5, 0, 2, 1, 1, 1);
            assertThat(dataPlane.virtual("/Common/vs").orElseThrow().http()).isEqualTo(fiveAnswered);
            Reports.Pool pool = dataPlane.pool("/Common/web").orElseThrow();
            assertThat(pool.http()).isEqualTo(fiveAnswered);
            assertThat(pool.members().get(0).http()).isEqualTo(fiveAnswered);
            assertThat(dataPlane.node("/Common/127.0.0.1").orElseThrow().http()).isEqualTo(fiveAnswered);
            assertThat(dataPlane.virtual("/Common/vs_nobody").orElseThrow().http().requests()).isEqualTo(1);

            assertThat(core.tmsh("show ltm profile http http raw"))
                    .contains("Ltm::HTTP Profile: http\n")
                    .containsPattern("\nVirtual Server Count +1\n")
                    .containsPattern("\n  Total +5\n  GET +3\n  POST +1\n")
                    .containsPattern("\n  2xx +2\n  3xx +1\n  4xx +1\n  5xx +1\n")
                    .containsPattern("\n  Max Keep-Alive Requests +4\n");
            assertThat(core.tmsh("show ltm virtual vs raw")).containsPattern("\n  Total Requests +- +- +5\n");
            assertThat(core.tmsh("show net rst-cause")).containsPattern("\nNo pool member available +1\n");

            core.tmsh("reset-stats ltm profile http http");
            assertThat(dataPlane.httpProfile("/Common/http").stats()).isEqualTo(HttpProfileStats.NONE);
            assertThat(dataPlane.httpProfile("/Common/other_http").stats().requests()).isEqualTo(1);
            core.tmsh("reset-stats ltm virtual vs");
            assertThat(dataPlane.virtual("/Common/vs").orElseThrow().http()).isEqualTo(new HttpStats(0, 0, 0, 0, 0, 0));
        }
    }

    /** Writes the requests on a new connection and reads until the proxy closes it ({@code [reset]} on a reset). */
    private static String exchange(String vip, String requests) throws IOException {
        try (Socket socket = connect(vip, PORT)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(ascii(requests));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                out.write(ascii("[reset]"));
            }
            return out.toString(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
