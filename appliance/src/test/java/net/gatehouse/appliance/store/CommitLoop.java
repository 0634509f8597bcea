package net.gatehouse.appliance.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A child process for {@link StoreCrashIT}: opens the store in {@code args[0]} and commits generation
 * after generation, printing {@code acknowledged <generation>} only after {@link ConfigStore#commit}
 * returned, until it is killed.
 */
public final class CommitLoop {

    static final String ACKNOWLEDGED = "acknowledged ";
    static final int PATHS = 7;

    private CommitLoop() {
    }

    public static void main(String[] args) {
        try (H2ConfigStore store = H2ConfigStore.open(Path.of(args[0]))) {
            for (long generation = store.generation() + 1; ; generation++) {
                store.commit(commitFor(generation));
                System.out.println(ACKNOWLEDGED + generation);
                System.out.flush();
            }
        }
    }

    /** The commit the loop writes for a generation: its texts and its object all name the generation. */
    static ConfigStore.Commit commitFor(long generation) {
        String path = "/Common/pool" + generation % PATHS;
        return new ConfigStore.Commit(generation, 1_700_000_000_000L + generation, "admin", "tmsh",
                "{\"generation\":" + generation + ",\"modify\":\"" + path + "\"}",
                "modify ltm pool " + path + " description \"generation " + generation + "\"",
                List.of(new ConfigStore.StoredObject("ltm pool", path,
                        "{\"description\":\"generation " + generation + "\"}", generation)),
                List.of());
    }
}
