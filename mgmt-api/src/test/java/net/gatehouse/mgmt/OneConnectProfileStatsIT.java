package net.gatehouse.mgmt;

import static net.gatehouse.appliance.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
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
 * iControl REST {@code /mgmt/tm/ltm/profile/one-connect/.../stats} after three requests through an
 * http virtual with a one-connect profile to a keep-alive backend: one server connection opened,
 * reused twice, idle again. The single profile's stats match the golden
 * {@code golden/one-connect-profile-stats.json} (see the README beside it); the collection lists the
 * built-in {@code oneconnect} too; {@code reset-stats} zeroes the reuses.
 */
class OneConnectProfileStatsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/one-connect-profile-stats.json");
    private static final String ONE = "/mgmt/tm/ltm/profile/one-connect/~Common~oc/stats";
    private static final String ENTRY = "https://localhost/mgmt/tm/ltm/profile/one-connect/~Common~oc/~Common~oc/stats";

    @TempDir
    Path dir;

    @Test
    void oneConnectProfileStatsCountTheReusesInBigIpShape() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        backend.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        backend.start();
        String vip = "127." + ThreadLocalRandom.current().nextInt(1, 255) + "."
                + ThreadLocalRandom.current().nextInt(1, 255) + "." + ThreadLocalRandom.current().nextInt(2, 255);
        try (Appliance appliance = Appliance.builder(dir).clock(CoreFixture.CLOCK).monitoring(false).open();
                MgmtServer server = MgmtServer.start(appliance, dir, new InetSocketAddress("127.0.0.1", 0),
                        new TestClock())) {
            tmsh(appliance, "create ltm pool web members add { 127.0.0.1:" + backend.getAddress().getPort() + " }");
            tmsh(appliance, "create ltm profile one-connect oc");
            tmsh(appliance, "create ltm virtual vs destination " + vip + ":8080 pool web profiles add { tcp http oc }");
            MgmtClient admin = MgmtClient.trusting(MgmtClient.deviceCertificate(appliance), server.port())
                    .withBasic("admin", "admin");

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 3; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + vip + ":8080/r" + i))
                        .timeout(Duration.ofSeconds(5)).build();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                assertThat(response.statusCode()).isEqualTo(200);
                awaitIdle(admin);
            }

            assertThat(admin.get(ONE).body()).isEqualTo(JSON.readTree(Files.readString(GOLDEN)));

            JsonNode collection = admin.get("/mgmt/tm/ltm/profile/one-connect/stats").body();
            assertThat(collection.path("kind").asText())
                    .isEqualTo("tm:ltm:profile:one-connect:one-connectcollectionstats");
            assertThat(collection.path("entries").has(
                    "https://localhost/mgmt/tm/ltm/profile/one-connect/~Common~oneconnect/stats")).isTrue();
            assertThat(entries(collection.path("entries")
                    .path("https://localhost/mgmt/tm/ltm/profile/one-connect/~Common~oc/stats"))
                    .path("reuses").path("value").asLong()).isEqualTo(2);

            tmsh(appliance, "reset-stats ltm profile one-connect oc");
            JsonNode reset = entries(admin.get(ONE).body().path("entries").path(ENTRY));
            assertThat(reset.path("reuses").path("value").asLong()).isZero();
            assertThat(reset.path("connects").path("value").asLong()).isZero();
            assertThat(reset.path("curSize").path("value").asLong()).isEqualTo(1);
        } finally {
            backend.stop(0);
        }
    }

    /** Polls until the server connection of the last response is back in the idle pool (5 s at most). */
    private static void awaitIdle(MgmtClient admin) {
        await("the server connection back in the idle pool", Duration.ofSeconds(5), () ->
                entries(admin.get(ONE).body().path("entries").path(ENTRY)).path("curSize").path("value").asLong() == 1);
    }

    private static JsonNode entries(JsonNode entry) {
        return entry.path("nestedStats").path("entries");
    }

    private static void tmsh(Appliance appliance, String line) throws TmshError {
        appliance.tmsh(CoreFixture.ADMIN).execute(line);
    }
}
