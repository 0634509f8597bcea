package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static net.gatehouse.appliance.dataplane.Loopback.greeting;
import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.dataplane.stats.TrafficStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a connection lives through: commits, half-close, idle timeouts, translation, deletion. */
class TrafficIT {

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
        core.tmsh("create ltm pool web members add { " + a.member() + " " + b.member() + " }");
    }

    @AfterEach
    void stop() throws IOException {
        core.close();
        a.close();
        b.close();
    }

    private void virtual(String options) {
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web " + options);
    }

    private DataPlane dataPlane() {
        return core.appliance().dataPlane();
    }

    @Test
    void aLongTransferSurvivesRemovingItsMemberAndChangingThePool() throws Exception {
        virtual("profiles add { fastL4 }");
        byte[] payload = new byte[4 * 1024 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        try (Socket socket = connect(vip, PORT)) {
            InputStream in = socket.getInputStream();
            String member = readLine(in);
            TestBackend used = member.equals("a") ? a : b;
            CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readExactly(in, payload.length));
            OutputStream out = socket.getOutputStream();
            int chunk = 64 * 1024;
            for (int offset = 0; offset < payload.length; offset += chunk) {
                out.write(payload, offset, chunk);
                if (offset == chunk * 8) {
                    core.tmsh("modify ltm pool web members delete { " + used.member() + " }");
                    core.tmsh("modify ltm pool web load-balancing-mode least-connections-member");
                    core.tmsh("modify ltm virtual vs profiles replace-all-with { tcp }");
                }
            }
            assertThat(Arrays.equals(echoed.get(20, TimeUnit.SECONDS), payload)).isTrue();
        }
    }

    @Test
    void aClientThatDoesNotReadHoldsBackTheServerInsteadOfFillingMemory() throws Exception {
        virtual("profiles add { fastL4 }");
        // Far more than the kernel's socket buffers can hold between the four sockets on the path
        // (autotuned to several MiB each), so a proxy without backpressure would take it all.
        int total = 128 * 1024 * 1024;
        try (Socket socket = connect(vip, PORT)) {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            readLine(in);
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int sent = 0; sent < total; sent += chunk.length) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The echo comes back through the proxy; nobody reads it, so everything must stall.
            long[] last = {-1};
            await("the writer stalls", Duration.ofSeconds(10), () -> {
                long now = written.get();
                boolean stalled = now == last[0] && now > 0;
                last[0] = now;
                sleepQuietly(300);
                return stalled;
            });
            assertThat(written.get()).isLessThan(total / 2);
            assertThat(writer).isNotDone();
            assertThat(readExactly(in, total)).hasSize(total);
            writer.get(20, TimeUnit.SECONDS);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] readExactly(InputStream in, int length) {
        byte[] data = new byte[length];
        try {
            int read = 0;
            while (read < length) {
                int n = in.read(data, read, length - read);
                if (n < 0) {
                    throw new IOException("EOF after " + read + " bytes");
                }
                read += n;
            }
            return data;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVirtualOnAnUnbindableAddressIsUnavailableWithTheReasonWhileOthersServe() throws IOException {
        virtual("");
        core.tmsh("create ltm virtual elsewhere destination 192.0.2.10:" + PORT + " pool web");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(vip))) {
            core.tmsh("create ltm virtual busy destination " + vip + ":" + taken.getLocalPort() + " pool web");
            assertThat(core.tmsh("show ltm virtual busy")).contains("Availability     : unavailable")
                    .contains("Reason           : Cannot listen on " + vip + ":" + taken.getLocalPort() + ": ")
                    .containsIgnoringCase("in use");
        }
        assertThat(core.tmsh("show ltm virtual elsewhere")).contains("Availability     : unavailable")
                .contains("Cannot listen on 192.0.2.10:" + PORT);
        assertThat(dataPlane().virtual("/Common/elsewhere").orElseThrow().status().availability())
                .isEqualTo("unavailable");
        assertThat(greeting(vip, PORT)).isIn("a", "b");
        assertThat(core.tmsh("show ltm virtual vs")).contains("Availability     : unknown");
    }

    @Test
    void countersKeepCountingAcrossCommits() throws IOException {
        virtual("");
        for (int i = 0; i < 3; i++) {
            greeting(vip, PORT);
        }
        core.tmsh("modify ltm virtual vs description changed");
        core.tmsh("modify ltm pool web load-balancing-mode ratio-member");
        for (int i = 0; i < 2; i++) {
            greeting(vip, PORT);
        }
        await("five closed connections", Duration.ofSeconds(5), () -> dataPlane().connections().isEmpty());
        TrafficStats virtual = dataPlane().virtual("/Common/vs").orElseThrow().clientSide();
        assertThat(virtual.totalConnections()).isEqualTo(5);
        assertThat(virtual.bitsOut()).isGreaterThanOrEqualTo(5 * 2 * 8);
        assertThat(dataPlane().pool("/Common/web").orElseThrow().serverSide().totalConnections()).isEqualTo(5);
        assertThat(dataPlane().node("/Common/127.0.0.1").orElseThrow().serverSide().totalConnections()).isEqualTo(5);
        assertThat(core.tmsh("show ltm virtual vs raw")).containsPattern("Total Connections +5 +0 +-\n");
    }

    @Test
    void deletingAVirtualStopsItAcceptingWhileItsConnectionFinishes() throws IOException {
        virtual("");
        try (Socket held = connect(vip, PORT)) {
            readLine(held.getInputStream());
            core.tmsh("delete ltm virtual vs");
            assertThatThrownBy(() -> greeting(vip, PORT)).isInstanceOf(IOException.class);
            held.getOutputStream().write(ascii("after delete\n"));
            assertThat(readLine(held.getInputStream())).isEqualTo("after delete");
        }
        assertThat(dataPlane().virtual("/Common/vs")).isEmpty();
    }

    @Test
    void aDisabledVirtualRefusesNewConnections() throws IOException {
        virtual("disabled");
        assertThatThrownBy(() -> greeting(vip, PORT)).isInstanceOf(IOException.class);
        assertThat(dataPlane().resetCauses().get(ResetCause.VIRTUAL_DISABLED)).isEqualTo(1);
        core.tmsh("modify ltm virtual vs enabled");
        assertThat(greeting(vip, PORT)).isIn("a", "b");
    }

    @Test
    void deleteSysConnectionEndsTheChosenConnectionOnly() throws IOException {
        virtual("");
        try (Socket kept = connect(vip, PORT); Socket ended = connect(vip, PORT)) {
            readLine(kept.getInputStream());
            readLine(ended.getInputStream());
            await("two connections listed", Duration.ofSeconds(5), () -> dataPlane().connections().size() == 2);
            assertThat(core.tmsh("show sys connection")).contains("Total records returned: 2")
                    .contains("127.0.0.1:" + ended.getLocalPort() + "  " + vip + ":" + PORT);

            core.tmsh("delete sys connection cs-client-addr 127.0.0.1 cs-client-port " + ended.getLocalPort());

            assertThat(readToEnd(ended.getInputStream())).isTrue();
            kept.getOutputStream().write(ascii("alive\n"));
            assertThat(readLine(kept.getInputStream())).isEqualTo("alive");
            // The ended connection leaves the table when its close completes, on its event loop.
            await("one connection listed", Duration.ofSeconds(5), () -> dataPlane().connections().size() == 1);
            assertThat(core.tmsh("show sys connection cs-server-addr " + vip)).contains("Total records returned: 1");
        }
    }

    @Test
    void aVirtualWithAnIRuleItCannotRunTakesNoTrafficAndNamesTheCommandInsteadOfRoutingWithoutIt()
            throws IOException {
        virtual("");
        assertThat(greeting(vip, PORT)).isIn("a", "b");
        core.tmsh("create ltm rule collect { when CLIENT_ACCEPTED { TCP::collect 10 } }");
        core.tmsh("modify ltm virtual vs rules { collect }");

        assertThatThrownBy(() -> greeting(vip, PORT)).isInstanceOf(IOException.class);
        assertThat(core.tmsh("show ltm virtual vs")).contains("unavailable")
                .contains("The iRule /Common/collect cannot run on this appliance")
                .contains("TCP::collect (in CLIENT_ACCEPTED)");

        core.tmsh("modify ltm virtual vs rules none");
        assertThat(greeting(vip, PORT)).isIn("a", "b");
    }

    /** True when the stream ends (EOF or reset) before the read timeout. */
    private static boolean readToEnd(InputStream in) {
        try {
            while (in.read() >= 0) {
                continue;
            }
            return true;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void halfCloseReachesTheServerAndItsAnswerStillComesBack() throws IOException {
        virtual("");
        try (Socket socket = connect(vip, PORT)) {
            InputStream in = socket.getInputStream();
            readLine(in);
            socket.getOutputStream().write(ascii("last words\n"));
            socket.shutdownOutput();
            assertThat(readLine(in)).isEqualTo("last words");
            assertThat(readLine(in)).isEqualTo("bye");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void anIdleConnectionIsResetAfterTheProfileIdleTimeout() throws IOException {
        core.tmsh("create ltm profile tcp quick idle-timeout 1 reset-on-timeout enabled");
        core.tmsh("create ltm profile tcp quiet idle-timeout 1 reset-on-timeout disabled");
        virtual("profiles add { quick }");
        try (Socket socket = connect(vip, PORT)) {
            readLine(socket.getInputStream());
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class);
        }
        core.tmsh("modify ltm virtual vs profiles replace-all-with { quiet }");
        try (Socket socket = connect(vip, PORT)) {
            readLine(socket.getInputStream());
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void snatSpreadsServerSideConnectionsOverTheSnatpool() throws IOException {
        String first = Loopback.randomAddress();
        String second = Loopback.randomAddress();
        core.tmsh("create ltm snatpool outside members add { " + first + " " + second + " }");
        virtual("source-address-translation { type snat pool outside }");
        for (int i = 0; i < 4; i++) {
            greeting(vip, PORT);
        }
        assertThat(Stream.concat(a.peers().stream(), b.peers().stream())
                .map(p -> p.getAddress().getHostAddress())).containsExactlyInAnyOrder(first, first, second, second);
    }

    @Test
    void automapUsesTheHostsAddressAndNoneKeepsTheClientsAddress() throws IOException {
        virtual("source-address-translation { type automap }");
        greeting(vip, PORT);

        core.tmsh("modify ltm virtual vs source-address-translation { type none }");
        String client = Loopback.randomAddress();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5_000);
            socket.bind(new InetSocketAddress(client, 0));
            socket.connect(new InetSocketAddress(vip, PORT), 5_000);
            readLine(socket.getInputStream());
        }
        assertThat(Stream.concat(a.peers().stream(), b.peers().stream()).map(p -> p.getAddress().getHostAddress()))
                .containsExactlyInAnyOrder("127.0.0.1", client);
    }
}
