package net.gatehouse.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every commit the store acknowledged survives the process being killed with SIGKILL. */
class StoreCrashIT {

    private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 200;

    @TempDir
    Path tmp;

    @Test
    void everyAcknowledgedCommitSurvivesKillDashNine() throws Exception {
        Path dir = tmp.resolve("store");
        long lastAcknowledged = 0;
        String diagnostics;
        try (ChildJvm child = ChildJvm.start(CommitLoop.class, tmp.resolve("child.err"), dir.toString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lastAcknowledged < ACKNOWLEDGEMENTS_BEFORE_KILL) {
                Optional<String> line = child.nextLine(l -> l.startsWith(CommitLoop.ACKNOWLEDGED), deadline);
                if (line.isEmpty()) {
                    break;
                }
                long generation = Long.parseLong(line.get().substring(CommitLoop.ACKNOWLEDGED.length()).strip());
                assertThat(generation).as("acknowledgements come in order").isEqualTo(lastAcknowledged + 1);
                lastAcknowledged = generation;
            }
            child.kill();
            diagnostics = child.diagnostics();
        }
        assertThat(lastAcknowledged).as("generations acknowledged before the kill; %s", diagnostics)
                .isEqualTo(ACKNOWLEDGEMENTS_BEFORE_KILL);

        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            long generation = store.generation();
            assertThat(generation).as("store generation after the kill").isGreaterThanOrEqualTo(lastAcknowledged);

            List<ConfigStore.Commit> log = store.log(1, Integer.MAX_VALUE);
            assertThat(log).extracting(ConfigStore.Commit::generation).containsExactlyElementsOf(range(generation));
            for (ConfigStore.Commit row : log) {
                ConfigStore.Commit written = CommitLoop.commitFor(row.generation());
                assertThat(row.changeset()).as("changeset of %d", row.generation()).isEqualTo(written.changeset());
                assertThat(row.tmsh()).as("tmsh of %d", row.generation()).isEqualTo(written.tmsh());
                assertThat(row.epochMillis()).isEqualTo(written.epochMillis());
                assertThat(row.principal()).isEqualTo(written.principal());
                assertThat(row.origin()).isEqualTo(written.origin());
            }

            assertThat(store.objects()).as("objects agree with the log").containsExactlyElementsOf(replay(generation));
        }
    }

    private static List<Long> range(long generation) {
        List<Long> generations = new ArrayList<>();
        for (long g = 1; g <= generation; g++) {
            generations.add(g);
        }
        return generations;
    }

    /** The objects the log's commits 1..generation leave behind, in the store's order. */
    private static List<ConfigStore.StoredObject> replay(long generation) {
        Map<String, ConfigStore.StoredObject> objects = new TreeMap<>();
        for (long g = 1; g <= generation; g++) {
            for (ConfigStore.StoredObject write : CommitLoop.commitFor(g).writes()) {
                objects.put(write.fullPath(), write);
            }
        }
        return new ArrayList<>(objects.values());
    }
}
