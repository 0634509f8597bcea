package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.tmsh.TmshError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * iControl REST {@code /mgmt/tm/ltm/profile/http/.../stats} after real traffic: GET, POST and HEAD
 * through an http virtual to a backend answering 200, 301, 404 and 503. The single profile's stats
 * match the golden {@code golden/http-profile-stats.json} (BIG-IP's shape and keys, see the README
 * beside it), the collection lists every http profile, and {@code totRequests} of the virtual, pool,
 * member and node count the same requests.
 */
class HttpProfileStatsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/http-profile-stats.json");
    private static final String STATS = "https://localhost/mgmt/tm/ltm/profile/http/~Common~http/~Common~http/stats";

    @TempDir
    Path dir;

    @Test
    void httpProfileStatsCountTheTrafficInBigIpShape() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        backend.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(Integer.parseInt(exchange.getRequestURI().getPath().substring(1)), -1);
            }
        });
        backend.start();
        String vip = "127." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(2, 255);
        try (Appliance appliance = Appliance.builder(dir).clock(CoreFixture.CLOCK).monitoring(false).open();
                MgmtServer server = MgmtServer.start(appliance, dir, new InetSocketAddress("127.0.0.1", 0),
                        new TestClock())) {
            tmsh(appliance, "create ltm pool web members add { 127.0.0.1:" + backend.getAddress().getPort() + " }");
            tmsh(appliance, "create ltm virtual vs destination " + vip + ":8080 pool web profiles add { tcp http }");
            MgmtClient admin = MgmtClient.trusting(MgmtClient.deviceCertificate(appliance), server.port())
                    .withBasic("admin", "admin");

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThat(send(client, vip, "GET", "/200")).isEqualTo(200);
            assertThat(send(client, vip, "POST", "/301")).isEqualTo(301);
            assertThat(send(client, vip, "HEAD", "/404")).isEqualTo(404);
            assertThat(send(client, vip, "GET", "/503")).isEqualTo(503);

            JsonNode stats = admin.get("/mgmt/tm/ltm/profile/http/~Common~http/stats").body();
            assertThat(stats).isEqualTo(JSON.readTree(Files.readString(GOLDEN)));

            JsonNode collection = admin.get("/mgmt/tm/ltm/profile/http/stats").body();
            assertThat(collection.path("kind").asText()).isEqualTo("tm:ltm:profile:http:httpcollectionstats");
            assertThat(collection.path("entries").path("https://localhost/mgmt/tm/ltm/profile/http/~Common~http/stats")
                    .path("nestedStats").path("entries").path("numberReqs").path("value").asLong()).isEqualTo(4);

            assertThat(totRequests(admin.get("/mgmt/tm/ltm/virtual/~Common~vs/stats").body())).isEqualTo(4);
            assertThat(totRequests(admin.get("/mgmt/tm/ltm/pool/~Common~web/stats").body())).isEqualTo(4);
            assertThat(totRequests(admin.get("/mgmt/tm/ltm/node/~Common~127.0.0.1/stats").body())).isEqualTo(4);
            assertThat(totRequests(admin.get("/mgmt/tm/ltm/pool/~Common~web/members/~Common~127.0.0.1:"
                    + backend.getAddress().getPort() + "/stats").body())).isEqualTo(4);

            tmsh(appliance, "reset-stats ltm profile http http");
            JsonNode reset = admin.get("/mgmt/tm/ltm/profile/http/~Common~http/stats").body();
            assertThat(reset.path("entries").path(STATS).path("nestedStats").path("entries").path("numberReqs")
                    .path("value").asLong()).isZero();
        } finally {
            backend.stop(0);
        }
    }

    private static void tmsh(Appliance appliance, String line) throws TmshError {
        appliance.tmsh(CoreFixture.ADMIN).execute(line);
    }

    private static int send(HttpClient client, String vip, String method, String path)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = method.equals("POST") ? HttpRequest.BodyPublishers.ofString("hello")
                : HttpRequest.BodyPublishers.noBody();
        return client.send(HttpRequest.newBuilder(URI.create("http://" + vip + ":8080" + path))
                .method(method, body).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** {@code totRequests} of the one object a single-object stats answer holds. */
    private static long totRequests(JsonNode stats) {
        JsonNode entry = stats.path("entries").elements().next();
        return entry.path("nestedStats").path("entries").path("totRequests").path("value").asLong();
    }
}
