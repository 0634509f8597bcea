package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source- and destination-address persistence end to end over loopback: clients from several
 * 127.0.0.0/8 addresses, real backends, health set by the test and the persistence clock moved by
 * the test.
 */
class PersistenceIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    private final ScriptedHealth health = new ScriptedHealth();
    private final AtomicLong clock = new AtomicLong();
    private Appliance appliance;
    private TmshSession tmsh;
    private TestBackend a;
    private TestBackend b;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        appliance = Appliance.builder(dir).clock(CoreFixture.CLOCK).health(health).ticker(clock::get).open();
        tmsh = appliance.tmsh(CoreFixture.ADMIN);
        a = TestBackend.start("a");
        b = TestBackend.start("b");
        vip = Loopback.randomAddress();
        tmsh("create ltm pool web members add { " + a.member() + " " + b.member() + " }");
    }

    @AfterEach
    void stop() throws IOException {
        appliance.close();
        a.close();
        b.close();
    }

    private void tmsh(String line) {
        try {
            tmsh.execute(line);
        } catch (TmshError e) {
            throw new AssertionError(line + ": " + e.getMessage(), e);
        }
    }

    private void virtual(String persistence) {
        tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { fastL4 } "
                + persistence);
    }

    /** Connects from a client address, reads the member's name and closes. */
    private String from(String client) throws IOException {
        try (Socket socket = open(client)) {
            return readLine(socket.getInputStream());
        }
    }

    private Socket open(String client) throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(5_000);
        socket.bind(new InetSocketAddress(client, 0));
        socket.connect(new InetSocketAddress(vip, PORT), 5_000);
        return socket;
    }

    private Set<String> members(String client, int connections) throws IOException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            seen.add(from(client));
        }
        return seen;
    }

    private List<PersistRecord> records() {
        return appliance.dataPlane().persistence().list();
    }

    private String other(String member) {
        return member.equals("a") ? "b" : "a";
    }

    private TestBackend backend(String name) {
        return name.equals("a") ? a : b;
    }

    @Test
    void eachClientAddressStaysOnOneMemberOverManyConnections() throws IOException {
        virtual("persist replace-all-with { source_addr }");
        String first = from("127.0.0.11");
        String second = from("127.0.0.12");
        assertThat(second).as("round robin balanced the second client").isEqualTo(other(first));
        for (int i = 0; i < 10; i++) {
            assertThat(from("127.0.0.11")).isEqualTo(first);
            assertThat(from("127.0.0.12")).isEqualTo(second);
        }
        assertThat(records()).extracting(PersistRecord::key).containsExactly("127.0.0.11", "127.0.0.12");
        assertThat(records()).allSatisfy(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.SOURCE_ADDRESS);
            assertThat(r.virtual()).isEqualTo("/Common/vs");
            assertThat(r.pool()).isEqualTo("/Common/web");
            assertThat(r.timeoutSeconds()).isEqualTo(180);
        });
    }

    @Test
    void withoutPersistenceClientsAreBalancedEveryConnection() throws IOException {
        virtual("");
        assertThat(members("127.0.0.11", 4)).containsExactlyInAnyOrder("a", "b");
        assertThat(records()).isEmpty();
    }

    @Test
    void aMaskPutsAWholeSubnetOnOneRecord() throws IOException {
        tmsh("create ltm persistence source-addr net24 defaults-from source_addr mask 255.255.255.0");
        virtual("persist replace-all-with { net24 }");
        String first = from("127.0.0.11");
        assertThat(members("127.0.0.12", 4)).containsExactly(first);
        assertThat(records()).extracting(PersistRecord::key).containsExactly("127.0.0.0");
    }

    @Test
    void recordsExpireAfterTheirTimeoutWithoutUse() throws IOException {
        tmsh("create ltm persistence source-addr short defaults-from source_addr timeout 60");
        virtual("persist replace-all-with { short }");
        String first = from("127.0.0.11");
        clock.set(TimeUnit.SECONDS.toNanos(59));
        assertThat(from("127.0.0.11")).as("used within the timeout").isEqualTo(first);
        assertThat(records()).singleElement().satisfies(r -> assertThat(r.ageSeconds()).isZero());
        clock.set(TimeUnit.SECONDS.toNanos(59 + 30));
        assertThat(records()).singleElement().satisfies(r -> assertThat(r.ageSeconds()).isEqualTo(30));
        clock.set(TimeUnit.SECONDS.toNanos(59 + 60));
        assertThat(records()).as("60 s without use").isEmpty();
        assertThat(from("127.0.0.11")).as("balanced again: round robin moves on").isEqualTo(other(first));
        assertThat(records()).singleElement().satisfies(r -> assertThat(r.ageSeconds()).isZero());
    }

    @Test
    void theFallbackMethodPersistsWhenTheDefaultFindsNoKey() throws IOException {
        virtual("persist replace-all-with { universal } fallback-persistence source_addr");
        String first = from("127.0.0.11");
        assertThat(members("127.0.0.11", 5)).containsExactly(first);
        assertThat(records()).singleElement().satisfies(r -> assertThat(r.mode()).isEqualTo(PersistMode.SOURCE_ADDRESS));
    }

    @Test
    void destinationAddressPersistenceSendsEveryClientOfAVirtualAddressToOneMember() throws IOException {
        virtual("persist replace-all-with { dest_addr }");
        String first = from("127.0.0.11");
        assertThat(members("127.0.0.12", 3)).containsExactly(first);
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.mode()).isEqualTo(PersistMode.DESTINATION_ADDRESS);
            assertThat(r.key()).isEqualTo(vip);
        });
    }

    @Test
    void aDisabledMemberKeepsItsPersistedClientsButTakesNoNewOnes() throws IOException {
        virtual("persist replace-all-with { source_addr }");
        String first = from("127.0.0.11");
        tmsh("modify ltm pool web members modify { " + backend(first).member() + " { session user-disabled } }");
        assertThat(members("127.0.0.11", 4)).as("draining keeps the persisted client").containsExactly(first);
        assertThat(members("127.0.0.12", 4)).as("new clients go elsewhere").containsExactly(other(first));
    }

    @Test
    void aMemberForcedOfflineLosesItsPersistedClientsWhichArePersistedAgain() throws IOException {
        virtual("persist replace-all-with { source_addr }");
        String first = from("127.0.0.11");
        tmsh("modify ltm pool web members modify { " + backend(first).member() + " { state user-down } }");
        assertThat(members("127.0.0.11", 3)).containsExactly(other(first));
        assertThat(records()).singleElement()
                .satisfies(r -> assertThat(r.member()).isEqualTo("/Common/" + backend(other(first)).member()));
        tmsh("modify ltm pool web members modify { " + backend(first).member() + " { state user-up } }");
        assertThat(members("127.0.0.11", 3)).as("the new record holds").containsExactly(other(first));
    }

    @Test
    void aMemberMarkedDownByItsMonitorLosesItsPersistedClients() throws IOException {
        virtual("persist replace-all-with { source_addr }");
        String first = from("127.0.0.11");
        health.put("/Common/" + backend(first).member(), Availability.OFFLINE);
        assertThat(members("127.0.0.11", 3)).containsExactly(other(first));
    }

    @Test
    void overrideConnectionLimitLetsPersistedClientsPastTheMembersLimit() throws IOException {
        tmsh("modify ltm pool web members modify { " + a.member() + " { connection-limit 1 } " + b.member()
                + " { connection-limit 1 } }");
        tmsh("create ltm persistence source-addr over defaults-from source_addr override-connection-limit enabled");
        virtual("persist replace-all-with { source_addr }");
        String first;
        try (Socket held = open("127.0.0.11")) {
            first = readLine(held.getInputStream());
            assertThat(from("127.0.0.11")).as("at its limit: balanced elsewhere").isEqualTo(other(first));
        }
        tmsh("modify ltm virtual vs persist replace-all-with { over }");
        String persisted = from("127.0.0.11");
        try (Socket held = open("127.0.0.11")) {
            assertThat(readLine(held.getInputStream())).isEqualTo(persisted);
            assertThat(from("127.0.0.11")).as("past the limit").isEqualTo(persisted);
        }
    }

    @Test
    void leastSessionsBalancesOnTheRecordsEachMemberHolds() throws IOException {
        tmsh("modify ltm pool web load-balancing-mode least-sessions");
        virtual("persist replace-all-with { source_addr }");
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        for (int client = 11; client < 17; client++) {
            counts.merge(from("127.0.0." + client), 1, Integer::sum);
        }
        assertThat(counts).containsEntry("a", 3).containsEntry("b", 3);
    }

    @Test
    void carpChoosesTheSameMemberForAKeyOnEveryAppliance() throws IOException {
        tmsh("create ltm persistence source-addr carp defaults-from source_addr hash-algorithm carp");
        virtual("persist replace-all-with { carp }");
        String first = from("127.0.0.11");
        tmsh("delete ltm persistence persist-records");
        assertThat(records()).isEmpty();
        assertThat(members("127.0.0.11", 4)).as("no record: CARP chooses the same again").containsExactly(first);
    }
}
