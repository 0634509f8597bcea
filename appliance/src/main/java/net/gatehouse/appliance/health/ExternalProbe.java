package net.gatehouse.appliance.health;

import io.netty.channel.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code external}: runs the {@code run} program as BIG-IP does — arguments: the member's address
 * (IPv4 written IPv6-mapped, {@code ::ffff:10.0.0.1}), its port, then {@code args}; environment:
 * {@code NODE_IP}, {@code NODE_PORT}, {@code MON_TMPL_NAME} and the {@code user-defined} variables.
 * Anything on standard output means up. The program and its children are killed at the probe's
 * deadline; only the first {@value #OUTPUT_LIMIT} bytes of its output are read.
 */
final class ExternalProbe implements Probe {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalProbe.class);
    static final int OUTPUT_LIMIT = 4096;

    /** Where blocking work (starting the process, reading its output) runs, off the event loops. */
    private final Executor blocking;

    ExternalProbe(Executor blocking) {
        this.blocking = blocking;
    }

    @Override
    public CompletableFuture<ProbeResult> run(MonitorSpec spec, InetSocketAddress target, EventLoop loop) {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        String program = spec.word("run");
        if (program.isEmpty()) {
            result.complete(ProbeResult.failure("No run program configured"));
            return result;
        }
        blocking.execute(() -> start(spec, program, target, result));
        loop.schedule(() -> result.complete(
                ProbeResult.failure("No successful responses received before deadline.")),
                Math.max(1, spec.timing().probeDeadline().toMillis()), TimeUnit.MILLISECONDS);
        return result;
    }

    private void start(MonitorSpec spec, String program, InetSocketAddress target,
            CompletableFuture<ProbeResult> result) {
        Path output;
        try {
            output = Files.createTempFile("gatehouse-external-monitor", ".out");
        } catch (IOException e) {
            result.complete(ProbeResult.failure("Unable to run " + program + ": " + e.getMessage()));
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(program);
        command.add(mappedAddress(target));
        command.add(Integer.toString(target.getPort()));
        for (String arg : spec.word("args").split("\\s+")) {
            if (!arg.isEmpty()) {
                command.add(arg);
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.put("NODE_IP", target.getAddress().getHostAddress());
        environment.put("NODE_PORT", Integer.toString(target.getPort()));
        environment.put("MON_TMPL_NAME", spec.fullPath());
        environment.putAll(spec.userDefined());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            delete(output);
            result.complete(ProbeResult.failure("Unable to run " + program + ": " + e.getMessage()));
            return;
        }
        result.whenComplete((r, e) -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        process.onExit().whenCompleteAsync((p, e) -> {
            try {
                result.complete(hasOutput(output) ? ProbeResult.success()
                        : ProbeResult.failure("No output from " + program));
            } finally {
                delete(output);
            }
        }, blocking);
    }

    private static boolean hasOutput(Path output) {
        try (InputStream in = Files.newInputStream(output)) {
            byte[] head = in.readNBytes(OUTPUT_LIMIT);
            return new String(head, java.nio.charset.StandardCharsets.UTF_8).strip().length() > 0;
        } catch (IOException e) {
            LOG.warn("Could not read the output of an external monitor from {}", output, e);
            return false;
        }
    }

    private static void delete(Path output) {
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            LOG.warn("Could not delete {}", output, e);
        }
    }

    /** BIG-IP passes IPv4 addresses to external monitors IPv6-mapped. */
    static String mappedAddress(InetSocketAddress target) {
        return target.getAddress() instanceof Inet4Address
                ? "::ffff:" + target.getAddress().getHostAddress()
                : target.getAddress().getHostAddress();
    }
}
