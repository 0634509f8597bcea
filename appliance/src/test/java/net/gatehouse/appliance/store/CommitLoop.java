package net.gatehouse.appliance.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A child process for {@link StoreCrashIT}: commits generation after generation and prints each one
 * only after {@link ConfigStore#commit} returned, until it is killed.
 */
public final class CommitLoop {

    private CommitLoop() {
    }

    public static void main(String[] args) {
        try (H2ConfigStore store = H2ConfigStore.open(Path.of(args[0]))) {
            for (long generation = store.generation() + 1; generation < 1_000_000; generation++) {
                store.commit(commitFor(generation));
                System.out.println(generation);
                System.out.flush();
            }
        }
    }

    static ConfigStore.Commit commitFor(long generation) {
        String body = "{\"description\":\"generation " + generation + "\"}";
        return new ConfigStore.Commit(generation, generation, "loop", "TMSH",
                "[{\"op\":\"modify\",\"generation\":" + generation + "}]",
                "modify ltm pool /Common/p" + (generation % 10) + " { description \"generation " + generation + "\" }\n",
                List.of(new ConfigStore.StoredObject("ltm pool", "/Common/p" + (generation % 10), body, generation)),
                List.of());
    }
}
