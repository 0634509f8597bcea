package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Universal persistence end to end: a universal profile whose iRule keys on a request header or a
 * query parameter ({@code persist uie}), an http virtual, real HTTP backends, records listed.
 */
class UniversalPersistenceIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    private CoreFixture core;
    private final Map<String, HttpBackend> backends = new LinkedHashMap<>();
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        for (String name : List.of("one", "two")) {
            backends.put(name, HttpBackend.start(name));
        }
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + String.join(" ",
                backends.values().stream().map(HttpBackend::member).toList()) + " }");
    }

    @AfterEach
    void stop() {
        core.close();
        backends.values().forEach(HttpBackend::close);
    }

    private void universal(String tcl, String more) {
        core.tmsh("create ltm rule keyed { " + tcl + " }");
        core.tmsh("create ltm persistence universal keyed_uie rule keyed timeout 600");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http }"
                + " persist replace-all-with { keyed_uie }" + more);
    }

    /** One request on a new connection; answers the member's name. */
    private String get(String path, String header) throws IOException {
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET " + path + " HTTP/1.1\r\nHost: a\r\n"
                    + (header == null ? "" : header + "\r\n") + "Connection: close\r\n\r\n"));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(all).startsWith("HTTP/1.1 200");
            return all.substring(all.indexOf("\r\n\r\n") + 4);
        }
    }

    private List<PersistRecord> records() {
        return core.appliance().dataPlane().persistence().list();
    }

    @Test
    void eachHeaderValueStaysOnOneMemberAndIsListedAsAUniversalRecord() throws IOException {
        universal("when HTTP_REQUEST { persist uie [string tolower [HTTP::header value X-User]] }", "");
        String alice = get("/named", "X-User: Alice");
        String bob = get("/named", "X-User: bob");
        assertThat(bob).as("round robin balanced the second key").isNotEqualTo(alice);
        for (int i = 0; i < 10; i++) {
            assertThat(get("/named", "X-User: ALICE")).isEqualTo(alice);
            assertThat(get("/named", "X-User: bob")).isEqualTo(bob);
        }
        assertThat(records()).extracting(PersistRecord::key).containsExactlyInAnyOrder("alice", "bob");
        assertThat(records()).allSatisfy(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.UNIVERSAL);
            assertThat(r.timeoutSeconds()).isEqualTo(600);
        });
        assertThat(core.tmsh("show ltm persistence persist-records mode universal"))
                .contains("universal  alice").contains("universal  bob").contains("Total records returned: 2");
    }

    @Test
    void aQueryParameterIsTheKeyAndTheStatementsTimeoutOverridesTheProfiles() throws IOException {
        universal("when HTTP_REQUEST {\n  persist uie [URI::query [HTTP::uri] session] 60\n}", "");
        String first = get("/named?session=s-1&x=2", null);
        String second = get("/named?session=s-2", null);
        assertThat(second).isNotEqualTo(first);
        for (int i = 0; i < 10; i++) {
            assertThat(get("/named?x=9&session=s-1", null)).isEqualTo(first);
            assertThat(get("/named?session=s-2", null)).isEqualTo(second);
        }
        assertThat(records()).extracting(PersistRecord::key).containsExactlyInAnyOrder("s-1", "s-2");
        assertThat(records()).extracting(PersistRecord::timeoutSeconds).containsOnly(60L);
    }

    @Test
    void aRequestWithoutTheKeyFallsBackToTheFallbackPersistence() throws IOException {
        universal("when HTTP_REQUEST { persist uie [HTTP::header X-User] }", " fallback-persistence source_addr");
        String member = get("/named", null);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/named", null)).isEqualTo(member);
        }
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.SOURCE_ADDRESS);
            assertThat(r.key()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void aRuleWithNoRecognisedPersistUieLoadsAndGivesNoKey() throws IOException {
        universal("when HTTP_REQUEST { if { [HTTP::uri] eq \"/\" } { persist uie [HTTP::header X-User] } }", "");
        get("/named", "X-User: alice");
        get("/named", "X-User: alice");
        assertThat(records()).as("unsupported rule: the pool balances, nothing is persisted").isEmpty();
    }
}
