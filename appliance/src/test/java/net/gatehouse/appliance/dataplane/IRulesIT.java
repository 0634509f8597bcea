package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static net.gatehouse.appliance.dataplane.Loopback.greeting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * iRules attached to a virtual server ({@code rules { ... }}) end to end: real clients, real HTTP
 * backends, the subset Gatehouse runs ({@code persist}, {@code pool}, {@code HTTP::redirect},
 * {@code HTTP::respond}) acted on, and a rule outside it keeping the virtual out of service.
 */
class IRulesIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    private CoreFixture core;
    private final Map<String, HttpBackend> backends = new LinkedHashMap<>();
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        for (String name : List.of("one", "two", "three")) {
            backends.put(name, HttpBackend.start(name));
        }
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + backends.get("one").member() + " "
                + backends.get("two").member() + " }");
        core.tmsh("create ltm pool other members add { " + backends.get("three").member() + " }");
    }

    @AfterEach
    void stop() {
        core.close();
        backends.values().forEach(HttpBackend::close);
    }

    private void httpVirtual(String rule, String more) {
        core.tmsh("create ltm rule r { " + rule + " }");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http }"
                + " rules { r }" + more);
    }

    /** One request on a new connection; answers the whole response. */
    private String exchange(String path, String headers) throws IOException {
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET " + path + " HTTP/1.1\r\nHost: shop.example\r\n" + headers
                    + "Connection: close\r\n\r\n"));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** The member that answered {@code /named} (its body). */
    private String member(String headers) throws IOException {
        String response = exchange("/named", headers);
        assertThat(response).startsWith("HTTP/1.1 200");
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private List<PersistRecord> records() {
        return core.appliance().dataPlane().persistence().list();
    }

    @Test
    void theJsessionidCookieRuleOnTheVirtualSticksEachClientToOneMemberByTheCookieValue() throws IOException {
        httpVirtual("when HTTP_REQUEST { persist uie [HTTP::cookie JSESSIONID] 1800 }",
                " persist replace-all-with { universal }");
        String alice = member("Cookie: JSESSIONID=alice\r\n");
        String bob = member("Cookie: theme=dark; JSESSIONID=bob\r\n");
        assertThat(bob).as("round robin balanced the second session").isNotEqualTo(alice);
        for (int i = 0; i < 8; i++) {
            assertThat(member("Cookie: JSESSIONID=alice\r\n")).isEqualTo(alice);
            assertThat(member("Cookie: JSESSIONID=bob\r\n")).isEqualTo(bob);
        }
        assertThat(records()).extracting(PersistRecord::key).containsExactlyInAnyOrder("alice", "bob");
        assertThat(records()).allSatisfy(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.UNIVERSAL);
            assertThat(r.timeoutSeconds()).isEqualTo(1800);
        });
        assertThat(core.tmsh("show ltm virtual vs")).doesNotContain("unavailable");
    }

    @Test
    void persistHashUsesTheVirtualsHashProfileAndPersistNoneBalancesWithoutRecords() throws IOException {
        core.tmsh("create ltm persistence hash by_client timeout 90");
        httpVirtual("when HTTP_REQUEST { persist hash [HTTP::header X-Client] }",
                " persist replace-all-with { by_client }");
        String first = member("X-Client: c1\r\n");
        for (int i = 0; i < 5; i++) {
            assertThat(member("X-Client: c1\r\n")).isEqualTo(first);
        }
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.HASH);
            assertThat(r.key()).isEqualTo("c1");
            assertThat(r.timeoutSeconds()).isEqualTo(90);
        });

        core.tmsh("delete ltm persistence persist-records");
        core.tmsh("modify ltm rule r { when HTTP_REQUEST { persist none } }");
        core.tmsh("modify ltm virtual vs persist replace-all-with { source_addr }");
        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            answered.add(member(""));
        }
        assertThat(answered).as("source_addr would stick; persist none balances").containsExactlyInAnyOrder("one", "two");
        assertThat(records()).isEmpty();
    }

    @Test
    void aRuleWithPoolSendsTheRequestsToThatPool() throws IOException {
        httpVirtual("when HTTP_REQUEST { pool other }", "");
        for (int i = 0; i < 4; i++) {
            assertThat(member("")).isEqualTo("three");
        }
        assertThat(core.tmsh("show ltm pool other")).containsPattern("Total Connections\\s+4");
    }

    @Test
    void aClientAcceptedPoolMovesLayer4TrafficToo() throws IOException {
        TestBackend greeter = TestBackend.start("greeter");
        try {
            core.tmsh("create ltm pool greeters members add { " + greeter.member() + " }");
            core.tmsh("create ltm rule r { when CLIENT_ACCEPTED { pool greeters } }");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web rules { r }");
            assertThat(greeting(vip, PORT)).isEqualTo("greeter");
            assertThat(greeter.accepted()).isEqualTo(1);
        } finally {
            greeter.close();
        }
    }

    @Test
    void httpRedirectAnswers302WithTheLocationAndNoServerIsAsked() throws IOException {
        httpVirtual("when HTTP_REQUEST { HTTP::redirect \"https://[HTTP::host][HTTP::uri]\" }", "");
        String response = exchange("/cart?item=7", "");
        assertThat(response).startsWith("HTTP/1.0 302 Found\r\n")
                .contains("\r\nLocation: https://shop.example/cart?item=7\r\n")
                .contains("\r\nServer: BIG-IP\r\n").contains("\r\nContent-Length: 0\r\n");
        assertThat(core.tmsh("show ltm pool web")).containsPattern("Total Connections\\s+0");
    }

    @Test
    void httpRespondAnswersWithItsStatusHeadersAndContent() throws IOException {
        httpVirtual("when HTTP_REQUEST { HTTP::respond 503 content {Back soon} Retry-After 120 }", "");
        String response = exchange("/", "");
        assertThat(response).startsWith("HTTP/1.0 503 Service Unavailable\r\n").contains("\r\nRetry-After: 120\r\n")
                .contains("\r\nContent-Length: 9\r\n").endsWith("\r\n\r\nBack soon");
    }

    @Test
    void anUnsupportedCommandKeepsTheVirtualOutOfServiceNamingItUntilTheRuleIsFixed() throws IOException {
        httpVirtual("when HTTP_REQUEST {\n  HTTP::header insert X-Forwarded-Proto https\n  pool other\n}", "");
        assertThatThrownBy(() -> exchange("/named", "")).isInstanceOf(IOException.class);
        assertThat(core.tmsh("show ltm virtual vs")).contains("unavailable")
                .contains("The iRule /Common/r cannot run on this appliance")
                .contains("HTTP::header (in HTTP_REQUEST)");

        core.tmsh("modify ltm rule r { when HTTP_REQUEST { pool other } }");
        assertThat(member("")).isEqualTo("three");
    }
}
