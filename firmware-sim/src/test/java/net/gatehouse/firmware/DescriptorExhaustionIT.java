package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole box under a small file descriptor limit ({@code ulimit -n 160}): a flood of held
 * connections to the demo virtual runs the process out of descriptors; it refuses what it cannot
 * carry, counts it under {@code show net rst-cause}, stays up, and serves again once they close.
 */
class DescriptorExhaustionIT {

    private static final int CONNECTIONS = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void runningOutOfDescriptorsRefusesConnectionsAndTheBoxStaysUp() throws Exception {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve("target/gatehouse.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process box = new ProcessBuilder("bash", "-c", "ulimit -n 160 && exec \"$0\" -Xmx256m -jar \"$1\" boot"
                + " --data-dir \"$2\" --demo", java, jar.toString(), dataDir.toString())
                .redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread drain = drain(box.getInputStream(), output);
        try {
            await("the box is up", () -> output.toString().contains("Gatehouse is up"));
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.10", 8080), 2_000);
                    flood.add(socket);
                }
                Thread.sleep(500);
            } finally {
                for (Socket socket : flood) {
                    socket.close();
                }
            }
            assertThat(box.isAlive()).isTrue();
            assertThat(answerWithin(Duration.ofSeconds(15))).startsWith("demo-backend-");

            OutputStream console = box.getOutputStream();
            console.write("show net rst-cause\n".getBytes(StandardCharsets.US_ASCII));
            console.flush();
            await("the reset causes", () -> output.toString().contains("TCP/IP Reset Cause"));
            assertThat(output.toString()).containsPattern("Out of file descriptors +[1-9]\\d*");
            console.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            console.flush();
            assertThat(box.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (Exception | AssertionError e) {
            throw new AssertionError("the box printed:\n" + output, e);
        } finally {
            box.destroyForcibly();
            drain.join(5_000);
        }
    }

    private static String answerWithin(Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(2_000);
                socket.connect(new InetSocketAddress("127.0.0.10", 8080), 2_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: demo\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                if (response.contains("\r\n\r\n")) {
                    return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
                }
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("the demo virtual did not answer again");
            }
            Thread.sleep(200);
        }
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    private static Thread drain(InputStream in, StringBuffer into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                into.append("[output closed: ").append(e.getMessage()).append(']');
            }
        }, "box-output");
        thread.start();
        return thread;
    }
}
