package net.gatehouse.appliance.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.runtime.Availability;

/**
 * Benchmark, not a test: one appliance monitoring N members (default 5,000) with a tcp monitor at
 * interval 5, each member a real listener on 127.0.0.1. Prints, every 5 seconds, how many members
 * are up, the largest probe lag (how late a probe started after it was due) and the process's CPU
 * use. Run: {@code java -cp <test classpath> net.gatehouse.appliance.health.MonitorScaleBenchmark [members] [seconds]}.
 */
public final class MonitorScaleBenchmark {

    private MonitorScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = Files.createTempDirectory("gatehouse-monitor-benchmark");
        try (Listeners listeners = Listeners.open(members); CoreFixture core = CoreFixture.monitored(dir)) {
            core.tmsh("create ltm monitor tcp bench defaults-from tcp interval 5 timeout 16");
            StringBuilder pool = new StringBuilder("create ltm pool bench monitor bench members add {");
            for (int port : listeners.ports()) {
                pool.append(" 127.0.0.1:").append(port);
            }
            long created = System.nanoTime();
            core.tmsh(pool.append(" }").toString());
            System.out.printf("created %d members in %d ms%n", members,
                    Duration.ofNanos(System.nanoTime() - created).toMillis());
            MonitorEngine engine = core.appliance().monitors().orElseThrow();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int t = 5; t <= seconds; t += 5) {
                Thread.sleep(5000);
                long up = listeners.ports().stream().filter(port -> engine.member("/Common/bench",
                        "/Common/127.0.0.1:" + port) == Availability.AVAILABLE).count();
                long cpu = os.getProcessCpuTime();
                double cores = (cpu - cpuBefore) / (double) (System.nanoTime() - start);
                System.out.printf("t=%3ds up=%d/%d max-probe-lag=%d ms cpu=%.2f cores (accepted %d)%n", t, up,
                        members, engine.maxProbeLag().toMillis(), cores, listeners.accepted());
            }
        }
    }

    /** N listening sockets on 127.0.0.1 served by one selector thread that accepts and closes. */
    private static final class Listeners implements AutoCloseable {
        private final Selector selector;
        private final List<ServerSocketChannel> channels = new ArrayList<>();
        private final Thread thread;
        private volatile long accepted;

        private Listeners(int count) throws IOException {
            selector = Selector.open();
            for (int i = 0; i < count; i++) {
                ServerSocketChannel channel = ServerSocketChannel.open();
                channel.bind(new InetSocketAddress("127.0.0.1", 0), 512);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_ACCEPT);
                channels.add(channel);
            }
            thread = new Thread(this::serve, "bench-listeners");
            thread.setDaemon(true);
            thread.start();
        }

        static Listeners open(int count) throws IOException {
            return new Listeners(count);
        }

        List<Integer> ports() {
            return channels.stream().map(c -> c.socket().getLocalPort()).toList();
        }

        long accepted() {
            return accepted;
        }

        private void serve() {
            while (selector.isOpen()) {
                try {
                    selector.select(500);
                    if (!selector.isOpen()) {
                        return;
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel socket = ((ServerSocketChannel) key.channel()).accept();
                        if (socket != null) {
                            accepted++;
                            socket.close();
                        }
                    }
                    selector.selectedKeys().clear();
                } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            selector.close();
            for (ServerSocketChannel channel : channels) {
                channel.close();
            }
        }
    }
}
