package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload and a 1 GiB download streamed through an http virtual in a JVM with a 96 MiB heap
 * (and 64 MiB of direct memory): the L7 path never holds a body whole, or the fork would run out
 * of memory and exit non-zero.
 */
class BulkTransferIT {

    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aGibibyteEachWayStreamsThroughASmallHeap() throws Exception {
        Path output = dir.resolve("fork.log");
        Process fork = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError",
                "-Dio.netty.leakDetection.level=disabled",
                "-cp", System.getProperty("java.class.path"),
                BulkTransferFork.class.getName(), dir.resolve("appliance").toString(), Long.toString(GIB)))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean exited = fork.waitFor(4, TimeUnit.MINUTES);
        if (!exited) {
            fork.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(exited).as("the fork finished within 4 minutes; its output:%n%s", log).isTrue();
        assertThat(fork.exitValue()).as("the fork's exit status; its output:%n%s", log).isZero();
        assertThat(log).contains("transferred " + GIB + " bytes each way");
    }
}
