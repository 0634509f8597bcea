package net.gatehouse.appliance.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class of the test sources run in a child JVM with this JVM's class path. Its standard output
 * is read line by line on a thread of its own, so a silent child cannot block a test past its
 * deadline; its standard error goes to a file, shown when something goes wrong.
 */
final class ChildJvm implements AutoCloseable {

    private static final String END = "\u0000end of output";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::readOutput, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()))
                .start();
        return new ChildJvm(process, stderr);
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading the child's output failed: " + e + ")");
        } finally {
            lines.add(END);
        }
    }

    /**
     * The next line of output that matches, waiting until {@code deadlineNanos} (a
     * {@link System#nanoTime()} value); empty when the deadline passed or the child's output ended.
     */
    Optional<String> nextLine(Predicate<String> matching, long deadlineNanos) throws InterruptedException {
        while (true) {
            long left = deadlineNanos - System.nanoTime();
            String line = lines.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (line == null) {
                return Optional.empty();
            }
            if (line.equals(END)) {
                lines.add(END);
                return Optional.empty();
            }
            if (matching.test(line)) {
                return Optional.of(line);
            }
        }
    }

    /** Kills the child with SIGKILL (on Linux) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child JVM " + process.pid() + " did not die after SIGKILL");
        }
    }

    /** Closes the child's standard input and waits for it to exit on its own. */
    int endInput(Duration timeout) throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child JVM " + process.pid() + " did not exit; " + diagnostics());
        }
        return process.exitValue();
    }

    /** What the child wrote to its standard error, for an assertion message. */
    String diagnostics() {
        try {
            return "child stderr:\n" + (Files.exists(stderr) ? Files.readString(stderr) : "(none)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the child if it is still running, without waiting for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
