package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.Await.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.BigipCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * oneconnect end to end: an http virtual with a one-connect profile in front of keep-alive
 * backends that count the connections they accept. The data plane has one event loop, so every
 * client connection shares one idle pool.
 */
class OneConnectIT {

    private static final int PORT = 8080;
    private static final String PROFILE = "/Common/oc";

    @TempDir
    Path dir;

    private CoreFixture core;
    private KeepAliveBackend one;
    private KeepAliveBackend two;
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.singleLoop(dir);
        one = KeepAliveBackend.start("one");
        two = KeepAliveBackend.start("two");
        vip = Loopback.randomAddress();
    }

    @AfterEach
    void stop() throws IOException {
        core.close();
        one.close();
        two.close();
    }

    private void virtual(String oneConnect, KeepAliveBackend... members) {
        StringBuilder pool = new StringBuilder();
        for (KeepAliveBackend member : members) {
            pool.append(member.member()).append(' ');
        }
        core.tmsh("create ltm pool web members add { " + pool + "}");
        if (oneConnect != null) {
            core.tmsh("create ltm profile one-connect oc " + oneConnect);
        }
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http"
                + (oneConnect != null ? " oc" : "") + " }");
    }

    private OneConnectStats stats() {
        return core.appliance().dataPlane().oneConnect(PROFILE);
    }

    @Test
    void eachRequestOnOneKeepAliveClientConnectionIsBalancedOnItsOwn() throws Exception {
        virtual("", one, two);
        try (Client client = Client.connect(vip, null)) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                members.add(client.get("/n" + i, "").body().split("#")[0]);
            }
            assertThat(members).containsOnly("one", "two");
            assertThat(members.get(1)).isNotEqualTo(members.get(0));
            assertThat(members.subList(2, 4)).isEqualTo(members.subList(0, 2));
        }
    }

    @Test
    void tenThousandSequentialRequestsReuseOneServerConnectionWithoutAnError() throws Exception {
        virtual("", one);
        int errors = 0;
        try (Client client = Client.connect(vip, null)) {
            for (int i = 0; i < 10_000; i++) {
                Client.Answer answer = client.get("/n" + i, "");
                if (answer.status() != 200 || !answer.body().startsWith("one#")) {
                    errors++;
                }
            }
        }
        assertThat(errors).isZero();
        // The default max-reuse 1000: a server connection carries 1,001 requests, so ten carry them all.
        assertThat(one.accepted()).isEqualTo(10);
        assertThat(stats().reuses()).isEqualTo(9_990);
        assertThat(core.appliance().dataPlane().resetCauses().values().stream().mapToLong(Long::longValue).sum())
                .isZero();
    }

    @Test
    void withoutAOneConnectProfileAClientConnectionStaysOnOneMember() throws Exception {
        virtual(null, one, two);
        try (Client client = Client.connect(vip, null)) {
            List<String> members = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                members.add(client.get("/n" + i, "").body());
            }
            assertThat(members).containsOnly(members.get(0));
        }
        assertThat(one.accepted() + two.accepted()).isEqualTo(1);
        assertThat(stats().reuses()).isZero();
    }

    @Test
    void twoSequentialClientConnectionsShareOneServerConnection() throws Exception {
        virtual("", one);
        String first;
        try (Client client = Client.connect(vip, null)) {
            first = client.get("/a", "").body();
        }
        try (Client client = Client.connect(vip, null)) {
            assertThat(client.get("/b", "").body()).isEqualTo(first);
        }
        assertThat(one.accepted()).isEqualTo(1);
        assertThat(stats()).extracting(OneConnectStats::reuses, OneConnectStats::opened).containsExactly(1L, 1L);
        await("the connection is idle again", Duration.ofSeconds(5), () -> stats().currentIdle() == 1);
    }

    @Test
    void showLtmProfileOneConnectCountsTheReusesAndResetStatsStartsThemAgain() throws Exception {
        virtual("", one);
        for (int i = 0; i < 3; i++) {
            try (Client client = Client.connect(vip, null)) {
                assertThat(client.get("/r" + i, "").status()).isEqualTo(200);
            }
            await("the server connection is idle again", Duration.ofSeconds(5), () -> stats().currentIdle() == 1);
        }
        assertThat(one.accepted()).isEqualTo(1);
        assertThat(core.tmsh("show ltm profile one-connect oc raw")).contains("Ltm::OneConnect Profile: oc\n")
                .containsPattern("\nCurrent Idle +1\n").containsPattern("\nMaximum +1\n")
                .containsPattern("\nTotal Reuses +2\n").containsPattern("\nNew +1\n");

        core.tmsh("reset-stats ltm profile one-connect oc");
        assertThat(core.tmsh("show ltm profile one-connect oc raw")).containsPattern("\nCurrent Idle +1\n")
                .containsPattern("\nMaximum +1\n").containsPattern("\nTotal Reuses +0\n")
                .containsPattern("\nNew +0\n");
        try (Client client = Client.connect(vip, null)) {
            assertThat(client.get("/after-reset", "").status()).isEqualTo(200);
        }
        assertThat(stats()).extracting(OneConnectStats::reuses, OneConnectStats::opened).containsExactly(1L, 0L);
    }

    @Test
    void aSourceMaskOfAllOnesKeepsEachClientAddressOnItsOwnServerConnections() throws Exception {
        virtual("source-mask 255.255.255.255", one);
        try (Client client = Client.connect(vip, "127.0.0.2")) {
            client.get("/a", "");
        }
        try (Client client = Client.connect(vip, "127.0.0.3")) {
            client.get("/b", "");
        }
        try (Client client = Client.connect(vip, "127.0.0.2")) {
            client.get("/c", "");
        }
        assertThat(one.accepted()).isEqualTo(2);
        assertThat(one.sources()).containsExactly("127.0.0.2", "127.0.0.3");
    }

    @Test
    void theDefaultSourceMaskLetsAnyClientReuseAnIdleConnection() throws Exception {
        virtual("", one);
        try (Client client = Client.connect(vip, "127.0.0.2")) {
            client.get("/a", "");
        }
        try (Client client = Client.connect(vip, "127.0.0.3")) {
            client.get("/b", "");
        }
        assertThat(one.accepted()).isEqualTo(1);
    }

    @Test
    void maxReuseClosesAServerConnectionReusedThatOften() throws Exception {
        virtual("max-reuse 2", one);
        try (Client client = Client.connect(vip, null)) {
            for (int i = 0; i < 6; i++) {
                client.get("/n" + i, "");
            }
        }
        // Opened, then reused twice: three requests a connection.
        assertThat(one.accepted()).isEqualTo(2);
        assertThat(stats().reuses()).isEqualTo(4);
    }

    @Test
    void maxSizeBoundsTheIdleConnectionsKept() throws Exception {
        virtual("max-size 1", one);
        try (Client a = Client.connect(vip, null); Client b = Client.connect(vip, null)) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> a.getUnchecked("/hold"));
            CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> b.getUnchecked("/hold"));
            await("both requests reach the backend", Duration.ofSeconds(5), () -> one.accepted() == 2);
            one.release();
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
        }
        await("one idle connection is kept, the other closed", Duration.ofSeconds(5),
                () -> stats().currentIdle() == 1 && one.closedByPeer() == 1);
        try (Client client = Client.connect(vip, null)) {
            client.get("/c", "");
        }
        assertThat(one.accepted()).isEqualTo(2);
        assertThat(stats().maximumIdle()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsClosedOnceItWaitedTheIdleTimeoutHoweverOftenItWasReusedBefore() throws Exception {
        virtual("idle-timeout-override 1", one);
        try (Client client = Client.connect(vip, null)) {
            // 1.5 s of requests 50 ms apart: parked and taken again 30 times across the 1 s timeout.
            for (int i = 0; i < 30; i++) {
                assertThat(client.get("/n" + i, "").status()).isEqualTo(200);
                Thread.sleep(50);
            }
            assertThat(one.accepted()).as("never closed while reused").isEqualTo(1);
            await("closed once idle for its timeout", Duration.ofSeconds(5),
                    () -> stats().currentIdle() == 0 && one.closedByPeer() == 1);
            assertThat(stats().expired()).isEqualTo(1);
            assertThat(client.get("/after", "").status()).isEqualTo(200);
        }
        assertThat(one.accepted()).isEqualTo(2);
        assertThat(stats().reuses()).isEqualTo(29);
    }

    @Test
    void aResponseThatDoesNotComeInTheResponseTimeoutResetsTheClientWithTheCauseCounted() throws Exception {
        core.tmsh("modify sys db tm.gatehouse.http.responsetimeout value 1");
        virtual("", one);
        try (Client client = Client.connect(vip, null)) {
            // 1.5 s of requests 100 ms apart, each answered well within the timeout.
            for (int i = 0; i < 15; i++) {
                assertThat(client.get("/n" + i, "").status()).isEqualTo(200);
                Thread.sleep(100);
            }
            client.send("/hold", "");
            assertThatThrownBy(() -> client.in.read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        } finally {
            one.release();
        }
        assertThat(core.appliance().dataPlane().resetCauses().get(ResetCause.HTTP_RESPONSE_TIMEOUT)).isEqualTo(1);
    }

    @Test
    void aResponseTheClientDidNotReadToItsEndLeavesItsServerConnectionUnused() throws Exception {
        virtual("", one);
        try (Client client = Client.connect(vip, null)) {
            client.send("/big", "");
            assertThat(client.in.readNBytes(64)).hasSize(64);
        }
        await("the server connection is closed", Duration.ofSeconds(5), () -> one.closedByPeer() == 1);
        try (Client client = Client.connect(vip, null)) {
            client.get("/a", "");
        }
        assertThat(one.accepted()).isEqualTo(2);
        assertThat(stats().reuses()).isZero();
    }

    @Test
    void aServerThatSaysConnectionCloseIsNotReused() throws Exception {
        virtual("", one);
        try (Client client = Client.connect(vip, null)) {
            client.get("/close", "");
            client.get("/a", "");
        }
        assertThat(one.accepted()).isEqualTo(2);
        assertThat(stats().reuses()).isZero();
    }

    @Test
    void aRequestOnAnIdleConnectionTheServerClosedIsSentOnceMoreOnANewOne() throws Exception {
        virtual("", one);
        try (Client client = Client.connect(vip, null)) {
            assertThat(client.get("/drop-next", "").body()).isEqualTo("one#1");
            assertThat(client.get("/a", "").body()).isEqualTo("one#2");
        }
        assertThat(stats().reuses()).isEqualTo(1);
    }

    @Test
    void cookiePersistenceIsReadOnEveryRequest() throws Exception {
        virtual("", one, two);
        core.tmsh("modify ltm virtual vs persist replace-all-with { cookie }");
        String toOne = "Cookie: BIGipServerweb=" + BigipCookie.encode(InetAddress.getLoopbackAddress(), one.port())
                + "\r\n";
        String toTwo = "Cookie: BIGipServerweb=" + BigipCookie.encode(InetAddress.getLoopbackAddress(), two.port())
                + "\r\n";
        try (Client client = Client.connect(vip, null)) {
            List<String> members = new ArrayList<>();
            for (String cookie : List.of(toTwo, toOne, toTwo, toTwo, toOne)) {
                members.add(client.get("/p", cookie).body().split("#")[0]);
            }
            assertThat(members).containsExactly("two", "one", "two", "two", "one");
        }
    }

    @Test
    void aMemberForcedOfflineLosesItsIdleConnectionsAndGetsNoNewRequests() throws Exception {
        virtual("", one, two);
        try (Client client = Client.connect(vip, null)) {
            client.get("/a", "");
            client.get("/b", "");
        }
        await("both connections idle", Duration.ofSeconds(5), () -> stats().currentIdle() == 2);
        core.tmsh("modify ltm pool web members modify { " + one.member() + " { state user-down } }");
        await("the offline member's idle connection is closed", Duration.ofSeconds(5),
                () -> one.closedByPeer() == 1 && stats().currentIdle() == 1);
        try (Client client = Client.connect(vip, null)) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.get("/c" + i, "").body()).startsWith("two#");
            }
        }
    }

    /** A raw keep-alive HTTP/1.1 client, bound to a source address when one is given. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
        }

        static Client connect(String vip, String source) throws IOException {
            Socket socket = new Socket();
            socket.setSoTimeout(10_000);
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress(vip, PORT), 5_000);
            return new Client(socket);
        }

        record Answer(int status, String body) {
        }

        void send(String path, String headers) throws IOException {
            socket.getOutputStream().write(ascii("GET " + path + " HTTP/1.1\r\nHost: a\r\n" + headers + "\r\n"));
        }

        Answer get(String path, String headers) throws IOException {
            send(path, headers);
            String head = readHead();
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return new Answer(Integer.parseInt(head.substring(9, 12)),
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        String getUnchecked(String path) {
            try {
                return get(path, "").body();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String readHead() throws IOException {
            StringBuilder head = new StringBuilder();
            for (int i = 0; i < 65536; i++) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the connection closed after: " + head);
                }
                head.append((char) b);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    return head.toString();
                }
            }
            throw new IOException("a response head over 64 KiB");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
