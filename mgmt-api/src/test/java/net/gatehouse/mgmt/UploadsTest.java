package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadsTest {

    @TempDir
    Path root;

    private Uploads uploads() {
        return new Uploads(root.resolve("downloads"), 100);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void chunksArrivingOutOfOrderMakeTheWholeFile() throws IOException {
        Uploads uploads = uploads();

        Uploads.Progress first = uploads.write("f.txt", Optional.of("6-10/11"), bytes("world"));
        boolean visibleEarly = Files.exists(uploads.folder().resolve("f.txt"));
        Uploads.Progress second = uploads.write("f.txt", Optional.of("0-5/11"), bytes("hello "));

        assertThat(first.remaining()).isEqualTo(6);
        assertThat(visibleEarly).as("the file appears only with its last byte").isFalse();
        assertThat(second.remaining()).isZero();
        assertThat(Files.readString(uploads.folder().resolve("f.txt"))).isEqualTo("hello world");
    }

    @Test
    void aRepeatedChunkIsWrittenOnceAndTheFileCompletesOnlyWhenCovered() throws IOException {
        Uploads uploads = uploads();

        uploads.write("r.txt", Optional.of("0-2/6"), bytes("abc"));
        Uploads.Progress again = uploads.write("r.txt", Optional.of("0-2/6"), bytes("abc"));
        Uploads.Progress last = uploads.write("r.txt", Optional.of("3-5/6"), bytes("def"));

        assertThat(again.remaining()).isEqualTo(3);
        assertThat(last.remaining()).isZero();
        assertThat(Files.readString(uploads.folder().resolve("r.txt"))).isEqualTo("abcdef");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeAnythingIsWritten() throws IOException {
        Uploads uploads = uploads();

        assertThatThrownBy(() -> uploads.write("big.bin", Optional.of("0-9/101"), new byte[10]))
                .isInstanceOf(RestError.class).hasMessageContaining("larger than the limit of 100 bytes");
        try (var files = Files.list(uploads.folder())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRangeThatDisagreesWithTheBodyIsRefused() {
        Uploads uploads = uploads();

        assertThatThrownBy(() -> uploads.write("x", Optional.of("0-9/20"), new byte[5]))
                .isInstanceOf(RestError.class).hasMessageContaining("does not match the 5 bytes sent");
        assertThatThrownBy(() -> uploads.write("x", Optional.of("15-24/20"), new byte[10]))
                .isInstanceOf(RestError.class);
        assertThatThrownBy(() -> uploads.write("x", Optional.of("bytes=0-1"), new byte[2]))
                .isInstanceOf(RestError.class).hasMessageContaining("is not start-end/total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/b", "..%2fetc", ".hidden", "a..b", "x.part", "", "a b"})
    void namesThatCouldLeaveTheFolderAreRefused(String name) {
        assertThatThrownBy(() -> uploads().write(name, Optional.empty(), bytes("x")))
                .isInstanceOf(RestError.class).hasMessageContaining("is not allowed");
    }

    @Test
    void onlyTheUploadFolderResolvesAndNeverOutsideIt() {
        Uploads uploads = uploads();

        assertThat(uploads.resolve("file:/var/config/rest/downloads/a.crt")).contains(uploads.folder().resolve("a.crt"));
        assertThat(uploads.resolve("file:///var/config/rest/downloads/a.crt")).contains(uploads.folder().resolve("a.crt"));
        assertThat(uploads.resolve("/etc/passwd")).isEmpty();
        assertThatThrownBy(() -> uploads.resolve("/var/config/rest/downloads/../../../etc/passwd"))
                .isInstanceOf(RestError.class);
        assertThatThrownBy(() -> uploads.remove("/config/bigip.conf")).isInstanceOf(RestError.class)
                .hasMessageContaining("unix-rm removes only files in /var/config/rest/downloads/");
    }
}
