package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TmshOptionsTest {

    @Test
    void noArgumentsReadStandardInputAsAdminOnTheLocalAppliance() {
        assertThat(TmshOptions.parse(List.of())).isEqualTo(new TmshOptions("127.0.0.1", 8443, "admin", false,
                Optional.empty(), Optional.empty()));
    }

    @Test
    void everyOptionIsRead() {
        assertThat(TmshOptions.parse(List.of("--host", "192.0.2.10", "--port", "443", "--user", "ops", "--insecure",
                "-c", "list ltm pool")))
                .isEqualTo(new TmshOptions("192.0.2.10", 443, "ops", true, Optional.of("list ltm pool"), Optional.empty()));
        assertThat(TmshOptions.parse(List.of("-k", "setup.tmsh")).script()).contains(Path.of("setup.tmsh"));
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> TmshOptions.parse(List.of("--port", "70000")))
                .hasMessage("--port must be a port number from 1 to 65535, not '70000'");
        assertThatThrownBy(() -> TmshOptions.parse(List.of("-c")))
                .hasMessage("-c needs a value");
        assertThatThrownBy(() -> TmshOptions.parse(List.of("-c", "list ltm pool", "setup.tmsh")))
                .hasMessage("-c and a script file ('setup.tmsh') exclude each other");
        assertThatThrownBy(() -> TmshOptions.parse(List.of("--verbose")))
                .hasMessage("unknown option '--verbose'");
    }
}
