package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static net.gatehouse.appliance.dataplane.Loopback.greeting;
import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Priority groups, slow ramp, reselect after a failed connect and queueing at the connection
 * limit, end to end over loopback with real backends. Health is set by the test (as the monitor
 * engine would) and load balancing runs on a clock the test moves.
 */
class PoolFeaturesIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    private final ScriptedHealth health = new ScriptedHealth();
    private final AtomicLong clock = new AtomicLong();
    private Appliance appliance;
    private TmshSession tmsh;
    private TestBackend a;
    private TestBackend b;
    private TestBackend c;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        appliance = Appliance.builder(dir).clock(CoreFixture.CLOCK).health(health).ticker(clock::get).open();
        tmsh = appliance.tmsh(CoreFixture.ADMIN);
        a = TestBackend.start("a");
        b = TestBackend.start("b");
        c = TestBackend.start("c");
        vip = Loopback.randomAddress();
    }

    @AfterEach
    void stop() throws IOException {
        appliance.close();
        a.close();
        b.close();
        c.close();
    }

    private void tmsh(String line) {
        try {
            tmsh.execute(line);
        } catch (TmshError e) {
            throw new AssertionError(line + ": " + e.getMessage(), e);
        }
    }

    private void virtual() {
        tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { fastL4 }");
    }

    private Map<String, Integer> distribution(int connections) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < connections; i++) {
            counts.merge(greeting(vip, PORT), 1, Integer::sum);
        }
        return counts;
    }

    private void mark(TestBackend backend, Availability availability) {
        health.put("/Common/" + backend.member(), availability);
    }

    @Test
    void priorityGroupsSwitchAsMembersFailAndReturn() throws IOException {
        tmsh("create ltm pool web min-active-members 2 slow-ramp-time 0 members add { " + a.member()
                + " { priority-group 10 } " + b.member() + " { priority-group 10 } " + c.member()
                + " { priority-group 5 } }");
        virtual();
        assertThat(distribution(10)).containsOnlyKeys("a", "b");
        mark(b, Availability.OFFLINE);
        assertThat(distribution(10)).containsOnlyKeys("a", "c");
        mark(b, Availability.AVAILABLE);
        assertThat(distribution(10)).containsOnlyKeys("a", "b");
    }

    @Test
    void aReturningMembersShareGrowsOverSlowRampTime() throws IOException {
        tmsh("create ltm pool web slow-ramp-time 10 members add { " + a.member() + " " + b.member() + " }");
        virtual();
        mark(b, Availability.OFFLINE);
        assertThat(distribution(4)).containsOnlyKeys("a");
        mark(b, Availability.AVAILABLE);
        assertThat(distribution(4)).as("b is back at t=0: no share yet").containsOnlyKeys("a");
        clock.set(TimeUnit.SECONDS.toNanos(5));
        // Round-robin offers b half the connections; half-way through the ramp it takes half of those.
        assertThat(distribution(40).get("b")).isBetween(9, 11);
        clock.set(TimeUnit.SECONDS.toNanos(11));
        assertThat(distribution(40)).containsEntry("a", 20).containsEntry("b", 20);
    }

    @Test
    void anHttpConnectionToAMemberMarkedDownIsResetByServiceDownActionAndTheOthersCarryOn() throws Exception {
        try (KeepAliveBackend held = KeepAliveBackend.start("held");
                KeepAliveBackend other = KeepAliveBackend.start("other")) {
            tmsh("create ltm pool web service-down-action reset members add { " + held.member() + " }");
            tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http }");
            try (Socket client = connect(vip, PORT)) {
                client.getOutputStream().write("GET /hold HTTP/1.1\r\nHost: a\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                await("the request reached the member", Duration.ofSeconds(5), () -> held.accepted() == 1);
                health.put("/Common/" + held.member(), Availability.OFFLINE);

                assertThat(client.getInputStream().read()).as("reset, not answered").isEqualTo(-1);
            } catch (SocketException reset) {
                assertThat(reset.getMessage()).contains("reset");
            }
            tmsh("modify ltm pool web members add { " + other.member() + " }");
            try (Socket client = connect(vip, PORT)) {
                client.getOutputStream().write("GET /a HTTP/1.1\r\nHost: a\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(readLine(client.getInputStream())).startsWith("HTTP/1.1 200 OK");
            }
        }
    }

    @Test
    void aFailedConnectIsReselectedWithinReselectTries() throws IOException {
        TestBackend dead = TestBackend.start("dead");
        String deadMember = dead.member();
        dead.close();
        tmsh("create ltm pool web reselect-tries 1 members add { " + deadMember + " " + b.member() + " }");
        virtual();
        assertThat(distribution(6)).containsOnly(Map.entry("b", 6));
        assertThat(appliance.dataPlane().resetCauses().get(ResetCause.SERVER_CONNECT_FAILED)).isZero();

        tmsh("modify ltm pool web reselect-tries 0");
        int refused = 0;
        for (int i = 0; i < 4; i++) {
            try {
                assertThat(greeting(vip, PORT)).isEqualTo("b");
            } catch (IOException e) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(2);
        assertThat(appliance.dataPlane().resetCauses().get(ResetCause.SERVER_CONNECT_FAILED)).isEqualTo(2);
    }

    @Test
    void connectionsQueueAtTheConnectionLimitWithinDepthAndTimeLimits() throws IOException {
        tmsh("create ltm pool web queue-on-connection-limit enabled queue-depth-limit 1 queue-time-limit 10000"
                + " members add { " + a.member() + " { connection-limit 1 } }");
        virtual();
        try (Socket first = connect(vip, PORT)) {
            assertThat(readLine(first.getInputStream())).isEqualTo("a");
            Socket queued = connect(vip, PORT);
            // Queued before the third connects: connections accepted on different loops race otherwise.
            await("the second connection waits in the queue", Duration.ofSeconds(5),
                    () -> appliance.dataPlane().queued("/Common/web") == 1);
            assertThat(appliance.dataPlane().resetCauses().get(ResetCause.VIRTUAL_CONNECTION_LIMIT)).isZero();
            assertThat(a.accepted()).isEqualTo(1);
            assertThatThrownBy(() -> greeting(vip, PORT)).as("the queue holds one").isInstanceOf(IOException.class);
            first.close();
            assertThat(readLine(queued.getInputStream())).isEqualTo("a");
            queued.close();
        }
        await("all closed", Duration.ofSeconds(5), () -> appliance.dataPlane().connections().isEmpty());

        tmsh("modify ltm pool web queue-time-limit 200");
        try (Socket first = connect(vip, PORT)) {
            assertThat(readLine(first.getInputStream())).isEqualTo("a");
            Socket waiting = connect(vip, PORT);
            assertThatThrownBy(() -> readLine(waiting.getInputStream())).as("reset after 200 ms in the queue")
                    .isInstanceOf(IOException.class);
            waiting.close();
        }
    }
}
