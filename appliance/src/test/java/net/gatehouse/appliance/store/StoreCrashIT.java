package net.gatehouse.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every acknowledged commit survives the process being killed with SIGKILL. */
class StoreCrashIT {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesKillDashNine() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CommitLoop.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long lastPrinted = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (lastPrinted < 300 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                lastPrinted = Long.parseLong(line.strip());
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastPrinted).as("acknowledged generations before the kill").isGreaterThan(0);

        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            assertThat(store.generation()).isGreaterThanOrEqualTo(lastPrinted);
            List<ConfigStore.Commit> log = store.log(1, Integer.MAX_VALUE);
            assertThat(log).hasSize((int) store.generation());
            for (int i = 0; i < log.size(); i++) {
                ConfigStore.Commit expected = CommitLoop.commitFor(i + 1);
                ConfigStore.Commit row = log.get(i);
                assertThat(row.generation()).isEqualTo(i + 1);
                assertThat(row.changeset()).isEqualTo(expected.changeset());
                assertThat(row.tmsh()).isEqualTo(expected.tmsh());
            }
            for (ConfigStore.StoredObject object : store.objects()) {
                ConfigStore.StoredObject expected = CommitLoop.commitFor(object.generation()).writes().get(0);
                assertThat(object).isEqualTo(expected);
            }
        }
    }
}
