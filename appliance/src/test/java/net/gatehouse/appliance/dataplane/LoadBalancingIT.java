package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static net.gatehouse.appliance.dataplane.Loopback.greeting;
import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load balancing, admin states and connection limits, end to end over loopback with real backends. */
class LoadBalancingIT {

    private static final int PORT = 8080;

    @TempDir
    Path dir;

    private CoreFixture core;
    private TestBackend a;
    private TestBackend b;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        a = TestBackend.start("a");
        b = TestBackend.start("b");
        vip = Loopback.randomAddress();
    }

    @AfterEach
    void stop() throws IOException {
        core.close();
        a.close();
        b.close();
    }

    private void pool(String options) {
        core.tmsh("create ltm pool web members add { " + a.member() + " " + b.member() + " } " + options);
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { fastL4 }");
    }

    private Map<String, Integer> distribution(int connections) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < connections; i++) {
            counts.merge(greeting(vip, PORT), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinAlternatesBetweenMembers() throws IOException {
        pool("");
        assertThat(distribution(40)).containsEntry("a", 20).containsEntry("b", 20);
    }

    @Test
    void ratioThreeToOneHoldsWithinFivePercentOver400Connections() throws IOException {
        core.tmsh("create ltm pool web load-balancing-mode ratio-member members add { "
                + a.member() + " { ratio 3 } " + b.member() + " }");
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { fastL4 }");
        Map<String, Integer> counts = distribution(400);
        assertThat(counts.get("a")).isBetween(280, 320);
        assertThat(counts.get("b")).isBetween(80, 120);
    }

    @Test
    void leastConnectionsSendsNewConnectionsToTheLeastBusyMember() throws IOException {
        pool("load-balancing-mode least-connections-member");
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = connect(vip, PORT);
                held.add(socket);
                readLine(socket.getInputStream());
            }
            await("two held connections on each member", Duration.ofSeconds(5), () -> a.open() == 2 && b.open() == 2);
            // End both connections on a: a now has none, b still two.
            for (Socket socket : List.copyOf(held)) {
                if (core.appliance().dataPlane().connections().stream().anyMatch(c -> c.client().getPort()
                        == socket.getLocalPort() && c.server().getPort() == a.port())) {
                    socket.close();
                    held.remove(socket);
                }
            }
            await("a's connections closed", Duration.ofSeconds(5), () -> a.open() == 0);
            await("member counts updated", Duration.ofSeconds(5),
                    () -> core.appliance().dataPlane().connections().size() == 2);
            for (int i = 0; i < 2; i++) {
                Socket socket = connect(vip, PORT);
                held.add(socket);
                assertThat(readLine(socket.getInputStream())).isEqualTo("a");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void disabledMemberDrainsItsConnectionsAndGetsNoNewOnes() throws IOException {
        pool("");
        Socket held = connect(vip, PORT);
        String first = readLine(held.getInputStream());
        TestBackend drained = first.equals("a") ? a : b;
        core.tmsh("modify ltm pool web members modify { " + drained.member() + " { session user-disabled } }");

        assertThat(distribution(10)).containsOnlyKeys(first.equals("a") ? "b" : "a");
        held.getOutputStream().write(Loopback.ascii("still here\n"));
        assertThat(readLine(held.getInputStream())).isEqualTo("still here");
        assertThat(core.tmsh("show ltm pool web members raw")).containsPattern("Current Connections +1\n");

        held.close();
        await("the drained member's connections fall to zero", Duration.ofSeconds(5),
                () -> core.appliance().dataPlane().pool("/Common/web").orElseThrow().members().stream()
                        .allMatch(m -> m.serverSide().currentConnections() == 0));
    }

    @Test
    void forcedOfflineMemberGetsNothingNew() throws IOException {
        pool("");
        core.tmsh("modify ltm pool web members modify { " + a.member() + " { state user-down } }");
        assertThat(distribution(6)).containsOnlyKeys("b");
        core.tmsh("modify ltm node 127.0.0.1 state user-down");
        assertThatThrownBy(() -> greeting(vip, PORT)).isInstanceOf(IOException.class);
        assertThat(core.appliance().dataPlane().resetCauses().get(ResetCause.NO_MEMBER_AVAILABLE)).isEqualTo(1);
    }

    @Test
    void virtualConnectionLimitResetsTheConnectionOverIt() throws IOException {
        pool("");
        core.tmsh("modify ltm virtual vs connection-limit 2");
        try (Socket one = connect(vip, PORT); Socket two = connect(vip, PORT)) {
            readLine(one.getInputStream());
            readLine(two.getInputStream());
            assertThatThrownBy(() -> greeting(vip, PORT)).isInstanceOf(IOException.class);
            assertThat(core.appliance().dataPlane().resetCauses().get(ResetCause.VIRTUAL_CONNECTION_LIMIT)).isEqualTo(1);
        }
        await("the limit frees up", Duration.ofSeconds(5),
                () -> core.appliance().dataPlane().connections().isEmpty());
        assertThat(greeting(vip, PORT)).isIn("a", "b");
    }

    @Test
    void memberAndNodeConnectionLimitsAreCheckedOnEveryNewConnection() throws IOException {
        pool("");
        core.tmsh("modify ltm pool web members modify { " + a.member() + " { connection-limit 1 } }");
        try (Socket first = connect(vip, PORT); Socket second = connect(vip, PORT);
                Socket third = connect(vip, PORT)) {
            List<String> names = List.of(readLine(first.getInputStream()), readLine(second.getInputStream()),
                    readLine(third.getInputStream()));
            assertThat(names).containsExactlyInAnyOrder("a", "b", "b");
        }
        await("all closed", Duration.ofSeconds(5), () -> core.appliance().dataPlane().connections().isEmpty());
        core.tmsh("modify ltm node 127.0.0.1 connection-limit 1");
        try (Socket first = connect(vip, PORT)) {
            readLine(first.getInputStream());
            assertThatThrownBy(() -> greeting(vip, PORT)).isInstanceOf(IOException.class);
        }
    }
}
