package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.greeting;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.runtime.Availability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitors and the data plane together: a member killed under load stops getting new connections. */
class MonitoredTrafficIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    @Test
    void aKilledMemberGetsNoNewConnectionsOnceItsMonitorMarksItDown() throws Exception {
        try (CoreFixture core = CoreFixture.monitored(dir);
                TestBackend a = TestBackend.start("a")) {
            TestBackend b = TestBackend.start("b");
            String vip = Loopback.randomAddress();
            core.tmsh("create ltm monitor tcp quick interval 1 timeout 3");
            core.tmsh("create ltm pool web monitor quick members add { " + a.member() + " " + b.member() + " }");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { fastL4 }");

            Set<String> seen = new HashSet<>();
            await("both members served once their monitor found them up", Duration.ofSeconds(30), () -> {
                try {
                    seen.add(greeting(vip, PORT));
                } catch (IOException stillChecking) {
                    // the monitor has not found a member up yet
                }
                return seen.size() == 2;
            });
            assertThat(seen).as("both members served once their monitor found them up").containsExactly("a", "b");

            String bMember = "/Common/" + b.member();
            b.close();
            // Load goes on while the monitor notices; connections to the dead member fail meanwhile.
            await("the closed member marked down", Duration.ofSeconds(30), () -> {
                try {
                    greeting(vip, PORT);
                } catch (IOException refusedByTheDeadMember) {
                    // expected until the monitor marks it down
                }
                return core.appliance().health().member("/Common/web", bMember) == Availability.OFFLINE;
            });
            assertThat(core.appliance().health().member("/Common/web", bMember)).isEqualTo(Availability.OFFLINE);
            for (int i = 0; i < 40; i++) {
                assertThat(greeting(vip, PORT)).as("connection %d after the member was marked down", i)
                        .isEqualTo("a");
            }
        }
    }

    @Test
    void connectionFailuresThroughTheVirtualMarkAMemberDownByTheInbandMonitor() throws Exception {
        try (CoreFixture core = CoreFixture.monitored(dir);
                TestBackend a = TestBackend.start("a")) {
            TestBackend b = TestBackend.start("b");
            String vip = Loopback.randomAddress();
            core.tmsh("create ltm monitor inband watch failures 2 failure-interval 30 retry-time 300");
            core.tmsh("create ltm pool web monitor watch members add { " + a.member() + " " + b.member() + " }");
            core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { fastL4 }");
            String bMember = "/Common/" + b.member();
            b.close();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (core.appliance().health().member("/Common/web", bMember) != Availability.OFFLINE
                    && System.nanoTime() < deadline) {
                try {
                    greeting(vip, PORT);
                } catch (IOException refusedByTheDeadMember) {
                    // each refused connect is an inband failure
                }
            }
            assertThat(core.appliance().health().member("/Common/web", bMember))
                    .as("two failed connects within the failure interval").isEqualTo(Availability.OFFLINE);
            for (int i = 0; i < 20; i++) {
                assertThat(greeting(vip, PORT)).isEqualTo("a");
            }
        }
    }
}
