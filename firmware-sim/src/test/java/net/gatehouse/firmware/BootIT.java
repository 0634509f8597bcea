package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-box tests: the shaded jar that {@code package} built, booted as a child process. */
class BootIT {

    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
    private static final Pattern UP = Pattern.compile("Gatehouse is up: generation (\\d+), (\\d+) objects");

    @TempDir
    Path dataDir;

    private final List<Box> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() throws InterruptedException {
        for (Box box : started) {
            box.kill();
        }
    }

    @Test
    void demoIsSeededOnceAndTheBoxStopsCleanlyOnSigterm() throws Exception {
        Box first = boot("--demo");
        long seeded = first.awaitUp();
        assertThat(seeded).isPositive();
        assertThat(first.stdout()).contains("POST: platform Gatehouse Virtual Edition (Z100) ok",
                "The default admin password is 'admin'; change it before you expose this appliance.")
                .containsPattern("management REST API: https://0\\.0\\.0\\.0:[1-9][0-9]*/mgmt")
                .containsPattern("POST: data plane (io_uring|epoll|nio), \\d+ event loops, file descriptors \\d+ max");
        assertThat(demoAnswer()).matches("demo-backend-[12]");
        String serial = serialOf(first.stdout());

        first.terminate();
        assertThat(first.output()).contains("Gatehouse stopped");

        Box second = boot("--demo");
        assertThat(second.awaitUp()).isEqualTo(seeded);
        assertThat(serialOf(second.stdout())).isEqualTo(serial);
        second.terminate();
        assertThat(second.output()).contains("Gatehouse stopped");
    }

    @Test
    void lockedStoreFailsTheSelfTest() throws Exception {
        Box owner = boot();
        owner.awaitUp();

        Box intruder = boot();
        int exit = intruder.awaitExit(BOOT_DEADLINE);

        assertThat(exit).isEqualTo(1);
        assertThat(intruder.stderr()).contains("SELF-TEST FAILED").containsIgnoringCase("locked")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(intruder.stdout()).doesNotContain("Gatehouse is up");
        owner.terminate();
    }

    private Box boot(String... more) throws IOException {
        Path jar = Path.of(System.getProperty("basedir", ".")).resolve("target/gatehouse.jar");
        assertThat(jar).as("the shaded jar built by package").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString(), "boot", "--data-dir", dataDir.toString(), "--no-console",
                "--mgmt-port", "0", "--ssh-port", "0"));
        command.addAll(List.of(more));
        Box box = new Box(new ProcessBuilder(command).start());
        started.add(box);
        return box;
    }

    /** An HTTP GET to the demo virtual server: the body names the demo backend that answered. */
    private static String demoAnswer() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.setSoTimeout(5_000);
                socket.connect(new InetSocketAddress("127.0.0.10", 8080), 5_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: demo\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static String serialOf(String stdout) {
        Matcher matcher = Pattern.compile("POST: serial number (\\S+) ok").matcher(stdout);
        assertThat(matcher.find()).as("serial number in %s", stdout).isTrue();
        return matcher.group(1);
    }

    /** One child process and what it printed, drained as it runs. */
    private static final class Box {

        private final Process process;
        private final StringBuffer stdout = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        Box(Process process) throws IOException {
            this.process = process;
            process.getOutputStream().close();
            stdoutReader = drain(process.getInputStream(), stdout);
            stderrReader = drain(process.getErrorStream(), stderr);
        }

        private static Thread drain(InputStream in, StringBuffer into) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try (in) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, "box-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        /** Waits for the box to come up and returns its configuration generation. */
        long awaitUp() throws InterruptedException {
            long deadline = System.nanoTime() + BOOT_DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher matcher = UP.matcher(stdout);
                if (matcher.find()) {
                    return Long.parseLong(matcher.group(1));
                }
                if (!process.isAlive()) {
                    awaitOutput();
                    throw new AssertionError("the box exited with " + process.exitValue() + " before it was up:\n"
                            + output());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the box was not up within " + BOOT_DEADLINE + ":\n" + output());
        }

        /**
         * Sends SIGTERM and waits for the box to exit. Through the process handle: {@code Process.destroy}
         * would also close the pipes and lose what the box prints while it stops.
         */
        void terminate() throws InterruptedException {
            process.toHandle().destroy();
            int exit = awaitExit(STOP_DEADLINE);
            assertThat(exit).as("exit code after SIGTERM, output:\n%s", output()).isIn(0, 143);
        }

        int awaitExit(Duration deadline) throws InterruptedException {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the box did not exit within " + deadline + ":\n" + output());
            }
            awaitOutput();
            return process.exitValue();
        }

        void kill() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void awaitOutput() throws InterruptedException {
            stdoutReader.join(STOP_DEADLINE.toMillis());
            stderrReader.join(STOP_DEADLINE.toMillis());
        }

        String stdout() {
            return stdout.toString();
        }

        String stderr() {
            return stderr.toString();
        }

        String output() {
            return "--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
