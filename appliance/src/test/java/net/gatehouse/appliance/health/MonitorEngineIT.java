package net.gatehouse.appliance.health;

import static net.gatehouse.appliance.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthStatus;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.syntax.IcontrolJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor engine end to end: an appliance with monitors running against real backends on
 * loopback that stop, come back, answer the wrong content or the recv-disable text, or hang. Timing
 * uses interval 1 and timeout 3; every wait is a poll with a deadline.
 */
@Timeout(60)
class MonitorEngineIT {

    private static final long INTERVAL_S = 1;
    private static final long TIMEOUT_S = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(TIMEOUT_S + INTERVAL_S + 3);

    @TempDir
    Path dir;

    private CoreFixture core;
    private HealthView health;

    @BeforeEach
    void open() {
        core = CoreFixture.monitored(dir);
        health = core.appliance().health();
        core.tmsh("create ltm monitor http fast_http defaults-from http interval 1 timeout 3"
                + " send \"GET / HTTP/1.0\\r\\n\\r\\n\" recv \"200 OK\" recv-disable MAINTENANCE");
        core.tmsh("create ltm monitor tcp fast_tcp defaults-from tcp interval 1 timeout 3");
    }

    @AfterEach
    void close() {
        core.close();
    }

    private HealthStatus member(String pool, Backend backend) {
        return health.memberStatus("/Common/" + pool, "/Common/" + backend.member());
    }

    private void awaitMember(String pool, Backend backend, Availability availability) {
        await(backend.member() + " in " + pool + " " + availability, DEADLINE,
                () -> member(pool, backend).availability() == availability);
    }

    @Test
    void stoppedBackendIsDownNoEarlierThanTheTimeoutAndNoLaterThanTimeoutPlusAnIntervalThenComesBack()
            throws IOException {
        try (Backend web = Backend.start("web1")) {
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor fast_http");
            awaitMember("web", web, Availability.AVAILABLE);
            assertThat(member("web", web).reason()).isEqualTo("Pool member is available");

            web.stop();
            long stopped = System.nanoTime();
            awaitMember("web", web, Availability.OFFLINE);
            long downAfter = System.nanoTime() - stopped;
            assertThat(downAfter).isGreaterThanOrEqualTo(Duration.ofSeconds(TIMEOUT_S).toNanos());
            assertThat(member("web", web).reason()).startsWith("/Common/fast_http: Unable to connect @");
            assertThat(core.tmsh("list ltm pool web")).contains("state down");

            web.restart();
            awaitMember("web", web, Availability.AVAILABLE);
            assertThat(core.tmsh("list ltm pool web")).contains("state up");
            MonitorEngine engine = core.appliance().monitors().orElseThrow();
            assertThat(engine.memberTransitions("/Common/web", "/Common/" + web.member()))
                    .isEqualTo(new MonitorEngine.TransitionCounts(1, 2));
        }
    }

    @Test
    void wrongContentAndHangingBackendsAreMarkedDown() throws IOException {
        try (Backend wrong = Backend.start("wrong"); Backend hanging = Backend.start("hang")) {
            core.tmsh("create ltm pool web members add { " + wrong.member() + " " + hanging.member()
                    + " } monitor fast_http");
            awaitMember("web", wrong, Availability.AVAILABLE);
            awaitMember("web", hanging, Availability.AVAILABLE);
            wrong.answer(Backend.Mode.WRONG);
            hanging.answer(Backend.Mode.HANG);
            awaitMember("web", wrong, Availability.OFFLINE);
            awaitMember("web", hanging, Availability.OFFLINE);
            assertThat(member("web", wrong).reason()).contains("Response did not match the recv string");
            assertThat(member("web", hanging).reason())
                    .contains("No successful responses received before deadline.");
            assertThat(((HealthStatus) ((MonitorEngine) health).poolStatus("/Common/web")).reason())
                    .isEqualTo("The children pool member(s) are down");
        }
    }

    @Test
    void recvDisableTextDrainsTheMemberInsteadOfMarkingItDown() throws IOException {
        try (Backend web = Backend.start("web1")) {
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor fast_http");
            awaitMember("web", web, Availability.AVAILABLE);
            web.answer(Backend.Mode.MAINTENANCE);
            await("draining", DEADLINE, () -> !member("web", web).enabled());
            HealthStatus status = member("web", web);
            assertThat(status.availability()).isEqualTo(Availability.AVAILABLE);
            assertThat(status.takesNewConnections()).isFalse();
            assertThat(status.enabledState()).isEqualTo("disabled");
            web.answer(Backend.Mode.OK);
            await("enabled again", DEADLINE, () -> member("web", web).takesNewConnections());
        }
    }

    @Test
    void andRuleNeedsEveryMonitorAndMinTwoOfToleratesOne() throws IOException {
        try (Backend web = Backend.start("web"); Backend a = Backend.start("a"); Backend b = Backend.start("b");
                Backend c = Backend.start("c")) {
            core.tmsh("create ltm monitor tcp port_a defaults-from fast_tcp destination *:" + a.port());
            core.tmsh("create ltm monitor tcp port_b defaults-from fast_tcp destination *:" + b.port());
            core.tmsh("create ltm monitor tcp port_c defaults-from fast_tcp destination *:" + c.port());
            core.tmsh("create ltm pool both members add { " + web.member() + " } monitor fast_http and port_a");
            core.tmsh("create ltm pool quorum members add { " + web.member() + " }"
                    + " monitor min 2 of { port_a port_b port_c }");
            awaitMember("both", web, Availability.AVAILABLE);
            awaitMember("quorum", web, Availability.AVAILABLE);

            a.stop();
            awaitMember("both", web, Availability.OFFLINE);
            assertThat(member("quorum", web).availability()).isEqualTo(Availability.AVAILABLE);

            b.stop();
            awaitMember("quorum", web, Availability.OFFLINE);
        }
    }

    @Test
    void memberMonitorOverridesThePoolMonitor() throws IOException {
        try (Backend plain = Backend.start("plain"); Backend special = Backend.start("special")) {
            plain.answer(Backend.Mode.WRONG);
            special.answer(Backend.Mode.WRONG);
            core.tmsh("create ltm pool web members add { " + plain.member() + " " + special.member()
                    + " { monitor fast_tcp } } monitor fast_http");
            awaitMember("web", special, Availability.AVAILABLE);
            awaitMember("web", plain, Availability.OFFLINE);
        }
    }

    @Test
    void aDownNodeTakesItsMembersDownAndTheDefaultNodeMonitorApplies() throws IOException {
        try (Backend web = Backend.start("web", "127.0.0.2"); Backend agent = Backend.start("agent", "127.0.0.2")) {
            core.tmsh("create ltm monitor tcp node_agent defaults-from fast_tcp destination *:" + agent.port());
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor fast_http");
            core.tmsh("modify ltm node 127.0.0.2 monitor node_agent");
            awaitMember("web", web, Availability.AVAILABLE);
            await("node up", DEADLINE, () -> health.node("/Common/127.0.0.2") == Availability.AVAILABLE);

            agent.stop();
            awaitMember("web", web, Availability.OFFLINE);
            assertThat(health.node("/Common/127.0.0.2")).isEqualTo(Availability.OFFLINE);
            assertThat(member("web", web).reason()).startsWith("/Common/node_agent: ");
            assertThat(core.appliance().monitors().orElseThrow().nodeTransitions("/Common/127.0.0.2").down())
                    .isEqualTo(1);

            core.tmsh("modify ltm node 127.0.0.2 monitor default");
            assertThat(health.node("/Common/127.0.0.2")).isEqualTo(Availability.UNKNOWN);
            awaitMember("web", web, Availability.AVAILABLE);
            core.tmsh("modify ltm default-node-monitor rule node_agent");
            await("default node monitor marks the node down", DEADLINE,
                    () -> health.node("/Common/127.0.0.2") == Availability.OFFLINE);
            awaitMember("web", web, Availability.OFFLINE);
        }
    }

    @Test
    void manualResumeHoldsARecoveredMemberDownUntilReEnabled() throws IOException {
        try (Backend web = Backend.start("web")) {
            core.tmsh("create ltm monitor http held defaults-from fast_http manual-resume enabled");
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor held");
            awaitMember("web", web, Availability.AVAILABLE);
            web.stop();
            awaitMember("web", web, Availability.OFFLINE);
            web.restart();
            await("a probe succeeds again", DEADLINE, () -> member("web", web).reason().contains("Manual resume"));
            assertThat(member("web", web).availability()).isEqualTo(Availability.OFFLINE);

            core.tmsh("modify ltm pool web members modify { " + web.member() + " { session user-disabled } }");
            core.tmsh("modify ltm pool web members modify { " + web.member() + " { session user-enabled } }");
            awaitMember("web", web, Availability.AVAILABLE);
        }
    }

    @Test
    void inbandMarksDownFromRealConnectionFailuresAndComesBackAfterTheRetryTime() throws IOException {
        try (Backend web = Backend.start("web")) {
            core.tmsh("create ltm monitor inband passive failures 3 failure-interval 30 retry-time 2");
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor passive");
            InbandReports reports = core.appliance().inbandReports();
            assertThat(member("web", web).availability()).isEqualTo(Availability.AVAILABLE);
            web.stop();
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", web.port()), 1000);
                    reports.responseReceived("/Common/web", "/Common/" + web.member(), Duration.ofMillis(1));
                } catch (IOException refused) {
                    reports.connectionFailed("/Common/web", "/Common/" + web.member());
                }
            }
            awaitMember("web", web, Availability.OFFLINE);
            awaitMember("web", web, Availability.AVAILABLE);
        }
    }

    @Test
    void externalScriptGetsBigIpArgumentsAndEnvironmentAndOutputMeansUp() throws Exception {
        try (Backend web = Backend.start("web")) {
            Path flag = dir.resolve("healthy");
            Path seen = dir.resolve("seen");
            Path script = dir.resolve("check.sh");
            Files.writeString(script, "#!/bin/sh\n"
                    + "echo \"$1 $2 $3 $NODE_IP $NODE_PORT $SITE\" > " + seen + "\n"
                    + "if [ -f " + flag + " ]; then echo up; fi\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(flag, "");
            core.tmsh("create ltm monitor external script defaults-from external interval 1 timeout 3 run "
                    + script + " args extra user-defined replace-all-with { SITE { value blue } }");
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor script");
            awaitMember("web", web, Availability.AVAILABLE);
            assertThat(Files.readString(seen).strip())
                    .isEqualTo("::ffff:127.0.0.1 " + web.port() + " extra 127.0.0.1 " + web.port() + " blue");
            Files.delete(flag);
            awaitMember("web", web, Availability.OFFLINE);
        }
    }

    @Test
    void icmpIsUnknownWithTheReasonWhenThisProcessCannotSendAnEcho() throws IOException {
        try (Backend web = Backend.start("web")) {
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor icmp");
            await("icmp verdict", DEADLINE, () -> member("web", web).reason().contains("ICMP"));
            assertThat(member("web", web).availability()).isEqualTo(Availability.UNKNOWN);
            assertThat(member("web", web).takesNewConnections()).isTrue();
        }
    }

    @Test
    void anUnchangedMemberKeepsItsMonitorStateWhenOtherObjectsChange() throws IOException {
        try (Backend web = Backend.start("web")) {
            core.tmsh("create ltm pool web members add { " + web.member() + " } monitor fast_http");
            awaitMember("web", web, Availability.AVAILABLE);
            MonitorEngine engine = core.appliance().monitors().orElseThrow();
            MonitorEngine.TransitionCounts before = engine.memberTransitions("/Common/web", "/Common/" + web.member());
            core.tmsh("create ltm pool other members add { 127.0.0.1:9 } monitor fast_tcp");
            core.tmsh("modify ltm pool web load-balancing-mode least-connections-member");
            assertThat(member("web", web).availability()).isEqualTo(Availability.AVAILABLE);
            assertThat(engine.memberTransitions("/Common/web", "/Common/" + web.member())).isEqualTo(before);
        }
    }

    @Test
    void uncheckedAndMonitoredStatesShowInRestAndList() throws IOException {
        try (Backend web = Backend.start("web")) {
            core.tmsh("create ltm pool web members add { " + web.member() + " 127.0.0.1:9 { state user-down } }"
                    + " monitor fast_http");
            core.tmsh("create ltm pool plain members add { " + web.member() + " }");
            awaitMember("web", web, Availability.AVAILABLE);
            String json = new IcontrolJson(core.appliance().snapshot(), "localhost", health)
                    .write(core.appliance().snapshot().find(net.gatehouse.appliance.schema.Family.POOL, "/Common/web")
                            .orElseThrow(), true).toString();
            assertThat(json).contains("\"state\":\"up\"").contains("\"state\":\"user-down\"");
            assertThat(core.tmsh("list ltm pool plain all-properties")).contains("state unchecked");
            assertThat(core.tmsh("list ltm pool plain")).doesNotContain("state");
        }
    }

    @Test
    void underLoadAKilledMemberGetsNoNewRequestsOnceItIsMarkedDown() throws Exception {
        try (Backend a = Backend.start("a"); Backend b = Backend.start("b")) {
            core.tmsh("create ltm pool web members add { " + a.member() + " " + b.member() + " } monitor fast_http");
            awaitMember("web", a, Availability.AVAILABLE);
            awaitMember("web", b, Availability.AVAILABLE);
            java.util.List<Backend> members = java.util.List.of(a, b);
            int sentToBAfterDown = 0;
            int served = 0;
            long downAt = -1;
            long end = System.nanoTime() + DEADLINE.toNanos() + Duration.ofSeconds(2).toNanos();
            for (int i = 0; System.nanoTime() - end < 0 && i < 100_000; i++) {
                if (i == 20) {
                    b.stop();
                }
                if (downAt < 0 && member("web", b).availability() == Availability.OFFLINE) {
                    downAt = System.nanoTime();
                }
                Backend chosen = members.get(i % 2);
                if (!member("web", chosen).takesNewConnections()) {
                    chosen = members.get((i + 1) % 2);
                }
                if (downAt >= 0 && chosen == b) {
                    sentToBAfterDown++;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", chosen.port()), 1000);
                    socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
                    if (socket.getInputStream().read() >= 0) {
                        served++;
                    }
                } catch (IOException refused) {
                    assertThat(downAt).as("only a member not yet marked down refuses").isNegative();
                }
                if (downAt >= 0 && System.nanoTime() - downAt > Duration.ofSeconds(1).toNanos()) {
                    break;
                }
            }
            assertThat(downAt).as("b marked down under load").isPositive();
            assertThat(sentToBAfterDown).isZero();
            assertThat(served).isGreaterThan(20);
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void httpsSendsSniFromTheHostHeaderAndTheClientCertificate() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate client =
                new io.netty.handler.ssl.util.SelfSignedCertificate("monitor.client");
        try (TlsBackend tls = new TlsBackend()) {
            core.tmsh("create ltm monitor https tls defaults-from https interval 1 timeout 3"
                    + " send \"GET / HTTP/1.1\\r\\nHost: app.example\\r\\n\\r\\n\" recv \"secure hello\""
                    + " cert " + client.certificate() + " key " + client.privateKey());
            core.tmsh("create ltm pool secure members add { " + tls.member() + " } monitor tls");
            await("https member up", DEADLINE, () -> health.memberStatus("/Common/secure",
                    "/Common/" + tls.member()).availability() == Availability.AVAILABLE);
            assertThat(tls.lastSni()).isEqualTo("app.example");
            assertThat(tls.lastClientSubject()).contains("CN=monitor.client");
        } finally {
            client.delete();
        }
    }

    @Test
    void udpMonitorNeedsTheAnswerAndTcpHalfOpenNeedsTheListener() throws Exception {
        try (java.net.DatagramSocket echo = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
                Backend web = Backend.start("web")) {
            Thread responder = new Thread(() -> {
                byte[] buffer = new byte[512];
                while (!echo.isClosed()) {
                    try {
                        java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
                        echo.receive(packet);
                        byte[] pong = "pong".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        echo.send(new java.net.DatagramPacket(pong, pong.length, packet.getSocketAddress()));
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "udp-echo");
            responder.setDaemon(true);
            responder.start();
            String udpMember = "127.0.0.1:" + echo.getLocalPort();
            core.tmsh("create ltm monitor udp dns_like defaults-from udp interval 1 timeout 3 send ping recv pong");
            core.tmsh("create ltm monitor tcp-half-open half defaults-from tcp_half_open interval 1 timeout 3");
            core.tmsh("create ltm pool udp_pool members add { " + udpMember + " } monitor dns_like");
            core.tmsh("create ltm pool half members add { " + web.member() + " } monitor half");
            await("udp member up", DEADLINE, () -> health.member("/Common/udp_pool", "/Common/" + udpMember)
                    == Availability.AVAILABLE);
            awaitMember("half", web, Availability.AVAILABLE);

            echo.close();
            web.stop();
            await("udp member down", DEADLINE, () -> health.member("/Common/udp_pool", "/Common/" + udpMember)
                    == Availability.OFFLINE);
            awaitMember("half", web, Availability.OFFLINE);
        }
    }

    @Test
    void transitionsTellTheDataPlaneThePoolsServiceDownAction() throws IOException {
        try (Backend web = Backend.start("web")) {
            java.util.List<MemberTransition> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            core.appliance().monitors().orElseThrow().onTransition(seen::add);
            core.tmsh("create ltm pool web service-down-action reset members add { " + web.member() + " }"
                    + " monitor fast_http");
            awaitMember("web", web, Availability.AVAILABLE);
            web.stop();
            awaitMember("web", web, Availability.OFFLINE);
            await("the down transition", DEADLINE, () -> seen.stream().anyMatch(MemberTransition::wentDown));
            MemberTransition down = seen.stream().filter(MemberTransition::wentDown).findFirst().orElseThrow();
            assertThat(down.serviceDownAction()).isEqualTo("reset");
            assertThat(down.memberPath()).isEqualTo("/Common/" + web.member());
        }
    }
}
