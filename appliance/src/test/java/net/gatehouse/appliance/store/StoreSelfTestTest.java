package net.gatehouse.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be used ends the boot with a message an operator can act on. */
class StoreSelfTestTest {

    @TempDir
    Path dir;

    @Test
    void aStoreInUseByAnotherApplianceIsReportedAsLocked() {
        try (H2ConfigStore first = H2ConfigStore.open(dir)) {
            assertThatThrownBy(() -> H2ConfigStore.open(dir))
                    .isInstanceOf(StoreFailure.class)
                    .hasMessage("configuration store " + dir.resolve("config.mv.db") + " is locked by another process");
            assertThat(first.generation()).isZero();
        }
    }

    @Test
    void aCorruptStoreIsReportedAsCorrupt() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31 + 7);
        }
        Files.write(dir.resolve("config.mv.db"), garbage);
        assertThatThrownBy(() -> H2ConfigStore.open(dir))
                .isInstanceOf(StoreFailure.class)
                .hasMessageStartingWith("configuration store " + dir.resolve("config.mv.db") + " is corrupt");
    }

    @Test
    void aStoreThatCannotBeWrittenIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> H2ConfigStore.open(file.resolve("sub")))
                .isInstanceOf(StoreFailure.class)
                .hasMessageContaining("cannot be written");
    }

    @Test
    void aCommitOutOfSequenceIsRefusedAndNothingIsWritten() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(CommitLoop.commitFor(1));
            assertThatThrownBy(() -> store.commit(CommitLoop.commitFor(3))).isInstanceOf(IllegalStateException.class);
            assertThat(store.generation()).isEqualTo(1);
            assertThat(store.log(1, 10)).hasSize(1);
        }
    }

    @Test
    void aFailedCommitLeavesThePreviousStateIntact() {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(CommitLoop.commitFor(1));
            ConfigStore.Commit broken = new ConfigStore.Commit(2, 2, "x", "TMSH", "[]", "",
                    List.of(new ConfigStore.StoredObject("ltm pool", "/Common/ok", "{}", 2),
                            new ConfigStore.StoredObject("ltm pool", null, "{}", 2)),
                    List.of());
            assertThatThrownBy(() -> store.commit(broken)).isInstanceOf(StoreFailure.class);
            assertThat(store.generation()).isEqualTo(1);
            assertThat(store.objects()).extracting(ConfigStore.StoredObject::fullPath).containsExactly("/Common/p1");
        }
    }
}
