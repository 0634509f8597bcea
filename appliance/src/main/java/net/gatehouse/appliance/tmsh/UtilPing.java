package net.gatehouse.appliance.tmsh;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run util ping}: as on BIG-IP, the system's own {@code ping} (Debian's {@code iputils-ping};
 * the JDK cannot send ICMP echo requests). It runs without a shell, with arguments that
 * {@link PingArguments} has checked, under a time bound, and its output is handed on line by line
 * as it arrives. Sending raw ICMP needs {@code CAP_NET_RAW} (root, or the capability on the binary)
 * or a {@code net.ipv4.ping_group_range} that includes the appliance's group.
 */
public final class UtilPing {

    private static final Logger LOG = LoggerFactory.getLogger(UtilPing.class);
    private static final String PREFIX = "run util ping: ";
    /** Lines beyond this are not ping's output but a runaway; a run of 100 echoes prints about 110. */
    private static final int MAX_LINES = 1000;

    private final List<Path> searchPath;

    /** A ping that looks for the program in the directories of {@code searchPath}, in order. */
    public UtilPing(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** A ping that looks for the program on the process's {@code PATH} (and in {@code /usr/bin}, {@code /bin}). */
    public static UtilPing onSystemPath() {
        List<Path> directories = new ArrayList<>();
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                directories.add(Path.of(directory));
            }
        }
        directories.add(Path.of("/usr/bin"));
        directories.add(Path.of("/bin"));
        return new UtilPing(directories);
    }

    /** Whether tmsh words are {@code run util ping ...}. */
    static boolean handles(List<String> words) {
        return words.size() >= 3 && words.get(0).equals("run") && words.get(1).equals("util")
                && words.get(2).equals("ping");
    }

    /**
     * Runs {@code ping} with {@code arguments}, giving each line of its output (and of its errors) to
     * {@code out} as it comes; a run that gets no reply (ping's exit status 1), that ping refuses
     * (status 2) or that outlives its time bound ends in a {@link TmshError} after its output.
     */
    public void run(PingArguments arguments, Consumer<String> out) throws TmshError {
        Path program = program().orElseThrow(() ->
                new TmshError(PREFIX + "the ping program (iputils-ping) is not installed"));
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(arguments.argv());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TmshError(PREFIX + "cannot start " + program + ": " + e.getMessage());
        }
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture.delayedExecutor(arguments.timeBound().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (process.isAlive()) {
                stopped.set(true);
                process.destroyForcibly();
            }
        });
        int status;
        try {
            process.getOutputStream().close();
            copyLines(process, out);
            if (!process.waitFor(arguments.timeBound().toMillis(), TimeUnit.MILLISECONDS)) {
                stopped.set(true);
                process.destroyForcibly().waitFor();
            }
            status = process.exitValue();
        } catch (IOException e) {
            process.destroyForcibly();
            throw new TmshError(PREFIX + "cannot read the output of " + program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TmshError(PREFIX + "interrupted");
        }
        if (stopped.get()) {
            throw new TmshError(PREFIX + "stopped: it did not end within " + arguments.timeBound().toSeconds()
                    + " seconds");
        }
        exitStatus(arguments, status);
    }

    private static void copyLines(Process process, Consumer<String> out) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int lines = 0;
            while ((line = reader.readLine()) != null) {
                if (++lines > MAX_LINES) {
                    process.destroyForcibly();
                    break;
                }
                out.accept(line + "\n");
            }
        }
    }

    private static void exitStatus(PingArguments arguments, int status) throws TmshError {
        LOG.debug("ping {} ended with status {}", arguments.host(), status);
        if (status == 1) {
            throw new TmshError(PREFIX + "no reply from " + arguments.host() + " (ping exit status 1)");
        }
        if (status != 0) {
            throw new TmshError(PREFIX + "ping " + arguments.host() + " failed (ping exit status " + status + ")");
        }
    }

    private Optional<Path> program() {
        return searchPath.stream().map(directory -> directory.resolve("ping"))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file)).findFirst();
    }
}
