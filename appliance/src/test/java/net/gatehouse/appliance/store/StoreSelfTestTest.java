package net.gatehouse.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be used stops the boot with one line an operator can act on. */
class StoreSelfTestTest {

    @TempDir
    Path tmp;

    @Test
    void aStoreHeldByAnotherProcessIsReportedAsLocked() throws Exception {
        Path dir = tmp.resolve("store");
        try (ChildJvm holder = ChildJvm.start(HoldStore.class, tmp.resolve("holder.err"), dir.toString())) {
            Optional<String> opened = holder.nextLine(l -> l.startsWith("open at generation"),
                    System.nanoTime() + Duration.ofSeconds(30).toNanos());
            assertThat(opened).as("the other process opened the store; %s", holder.diagnostics()).isPresent();

            assertThatThrownBy(() -> H2ConfigStore.open(dir))
                    .isInstanceOf(StoreFailure.class)
                    .hasMessage("configuration store " + dir.resolve("config.mv.db") + " is locked by another process");

            assertThat(holder.endInput(Duration.ofSeconds(30))).isZero();
        }
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            assertThat(store.generation()).as("the store opens once the other process let it go").isZero();
        }
    }

    @Test
    void aFileOfGarbageIsReportedAsCorrupt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("store"));
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(dir.resolve("config.mv.db"), garbage);

        assertThatThrownBy(() -> H2ConfigStore.open(dir))
                .isInstanceOf(StoreFailure.class)
                .hasMessage("configuration store " + dir.resolve("config.mv.db") + " is corrupt: Store header is corrupt");
    }

    @Test
    void aStoreWhoseHeaderWasOverwrittenIsReportedAsCorrupt() throws Exception {
        Path dir = tmp.resolve("store");
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(CommitLoop.commitFor(1));
        }
        Path file = dir.resolve("config.mv.db");
        byte[] content = Files.readAllBytes(file);
        for (int i = 0; i < 2 * 4096; i++) {
            content[i] = (byte) 0xA5;
        }
        Files.write(file, content);

        assertThatThrownBy(() -> H2ConfigStore.open(dir))
                .isInstanceOf(StoreFailure.class)
                .hasMessageStartingWith("configuration store " + file + " is corrupt: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedAsNotWritable() throws Exception {
        Path aFile = Files.writeString(tmp.resolve("afile"), "a regular file, not a directory");
        Path dir = aFile.resolve("sub");

        assertThatThrownBy(() -> H2ConfigStore.open(dir))
                .isInstanceOf(StoreFailure.class)
                .hasMessageStartingWith("configuration store " + dir.resolve("config.mv.db") + " cannot be written: ")
                .hasMessageContaining(aFile.toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void aStoreFileThatCannotBeOpenedForWritingIsReportedAsNotWritable() throws Exception {
        Path dir = tmp.resolve("store");
        Files.createDirectories(dir.resolve("config.mv.db"));

        assertThatThrownBy(() -> H2ConfigStore.open(dir))
                .isInstanceOf(StoreFailure.class)
                .hasMessageStartingWith("configuration store " + dir.resolve("config.mv.db") + " cannot be written: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFailedOpenLeavesNothingOpen() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("store"));
        Path file = dir.resolve("config.mv.db");
        Files.write(file, new byte[4096 * 3]);
        assertThatThrownBy(() -> H2ConfigStore.open(dir)).isInstanceOf(StoreFailure.class);

        Files.delete(file);
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            assertThat(store.generation()).isZero();
        }
    }

    @Test
    void aSecondApplianceInTheSameJvmIsRefusedAsLocked(@TempDir Path directory) {
        try (H2ConfigStore first = H2ConfigStore.open(directory)) {
            assertThatThrownBy(() -> H2ConfigStore.open(directory))
                    .isInstanceOf(StoreFailure.class)
                    .hasMessage("configuration store " + directory.toAbsolutePath().normalize()
                            .resolve("config.mv.db") + " is locked by another process");
            assertThat(first.generation()).isZero();
        }
        try (H2ConfigStore reopened = H2ConfigStore.open(directory)) {
            assertThat(reopened.generation()).isZero();
        }
    }
}
