package net.gatehouse.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import net.gatehouse.appliance.store.ConfigStore.Commit;
import net.gatehouse.appliance.store.ConfigStore.Deletion;
import net.gatehouse.appliance.store.ConfigStore.StoredObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is committed is what is read back, after a reopen too; a refused commit changes nothing. */
class StoreRoundTripTest {

    private static final StoredObject WEB = new StoredObject("ltm pool", "/Common/web",
            "{\"monitor\":\"http\"}", 1);
    private static final StoredObject APP = new StoredObject("ltm pool", "/Common/app", "{}", 1);
    private static final StoredObject WEB_NODE = new StoredObject("ltm node", "/Common/10.0.0.1",
            "{\"address\":\"10.0.0.1\"}", 2);
    private static final StoredObject WEB_DRAINED = new StoredObject("ltm pool", "/Common/web",
            "{\"monitor\":\"http\",\"description\":\"drained\"}", 3);

    @TempDir
    Path dir;

    @Test
    void aNewStoreIsEmptyAtGenerationZero() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            assertThat(store.generation()).isZero();
            assertThat(store.objects()).isEmpty();
            assertThat(store.log(0, 100)).isEmpty();
            assertThat(store.file()).isEqualTo(dir.toAbsolutePath().resolve("config.mv.db")).exists();
        }
    }

    @Test
    void committedGenerationsAreReadBackAfterAReopen() {
        List<Commit> commits = threeGenerations();
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            commits.forEach(store::commit);
            assertThat(store.generation()).isEqualTo(3);
        }
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            assertThat(store.generation()).isEqualTo(3);
            assertThat(store.objects()).containsExactly(WEB_NODE, WEB_DRAINED);
            assertThat(store.log(1, 100)).containsExactlyElementsOf(withoutRows(commits));
        }
    }

    @Test
    void objectsAreStoredWithTheGenerationOfTheirCommit() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(commit(1, List.of(new StoredObject("ltm pool", "/Common/web", "{}", 0)), List.of()));
            assertThat(store.objects()).extracting(StoredObject::generation).containsExactly(1L);
        }
    }

    @Test
    void theLogIsReadFromAGenerationUpToALimit() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            threeGenerations().forEach(store::commit);
            assertThat(store.log(2, 100)).extracting(Commit::generation).containsExactly(2L, 3L);
            assertThat(store.log(1, 2)).extracting(Commit::generation).containsExactly(1L, 2L);
            assertThat(store.log(4, 100)).isEmpty();
            assertThat(store.log(1, 0)).isEmpty();
        }
    }

    @Test
    void aCommitOutOfSequenceIsRefusedAndNothingIsWritten() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(threeGenerations().get(0));

            assertThatThrownBy(() -> store.commit(commit(3, List.of(WEB_NODE), List.of())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("commit of generation 3 refused: the configuration store is at generation 1, "
                            + "so the next commit is 2");
            assertThatThrownBy(() -> store.commit(commit(1, List.of(WEB_NODE), List.of())))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(store.generation()).isEqualTo(1);
            assertThat(store.objects()).containsExactly(APP, WEB);
            assertThat(store.log(0, 100)).extracting(Commit::generation).containsExactly(1L);
        }
    }

    @Test
    void aCommitThatFailsMidwayLeavesThePreviousStateIntact() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(threeGenerations().get(0));
            Commit broken = commit(2,
                    List.of(WEB_NODE, new StoredObject("ltm pool", "/Common/web", "{\"changed\":true}", 2),
                            new StoredObject("ltm pool", null, "{}", 2)),
                    List.of(new Deletion("ltm pool", "/Common/app")));

            assertThatThrownBy(() -> store.commit(broken))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("commit of generation 2 was refused by the configuration store: ")
                    .hasMessageContaining("FULL_PATH");

            assertThat(store.generation()).isEqualTo(1);
            assertThat(store.objects()).containsExactly(APP, WEB);
            assertThat(store.log(0, 100)).extracting(Commit::generation).containsExactly(1L);

            store.commit(threeGenerations().get(1));
            assertThat(store.generation()).as("the store is usable after a refused commit").isEqualTo(2);
        }
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            assertThat(store.objects()).containsExactly(WEB_NODE, APP, WEB);
        }
    }

    @Test
    void aCommitWhoseLogRowIsRefusedWritesNoObjects() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            Commit noPrincipal = new Commit(1, 1L, null, "tmsh", "{}", "create ltm pool web", List.of(WEB),
                    List.of());

            assertThatThrownBy(() -> store.commit(noPrincipal)).isInstanceOf(IllegalArgumentException.class);

            assertThat(store.generation()).isZero();
            assertThat(store.objects()).isEmpty();
        }
    }

    @Test
    void aClosedStoreRefusesToBeUsed() {
        H2ConfigStore store = H2ConfigStore.open(dir);
        store.close();
        store.close();
        assertThatThrownBy(store::generation).isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed");
    }

    /** 1 creates two pools, 2 adds a node, 3 changes one pool and deletes the other. */
    private static List<Commit> threeGenerations() {
        return List.of(
                commit(1, List.of(WEB, APP), List.of()),
                commit(2, List.of(WEB_NODE), List.of()),
                commit(3, List.of(WEB_DRAINED), List.of(new Deletion("ltm pool", "/Common/app"))));
    }

    private static Commit commit(long generation, List<StoredObject> writes, List<Deletion> deletions) {
        return new Commit(generation, 1_700_000_000_000L + generation, "admin", "tmsh",
                "{\"generation\":" + generation + "}", "# generation " + generation, writes, deletions);
    }

    private static List<Commit> withoutRows(List<Commit> commits) {
        return commits.stream().map(c -> new Commit(c.generation(), c.epochMillis(), c.principal(), c.origin(),
                c.changeset(), c.tmsh(), List.of(), List.of())).toList();
    }
}
