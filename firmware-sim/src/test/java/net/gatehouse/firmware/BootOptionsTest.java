package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootOptionsTest {

    @Test
    void noArgumentsBootTheDemoInVarWithAConsole() {
        assertThat(BootOptions.parse(List.of())).isEqualTo(new BootOptions(Path.of("var"), 8443, 2222, true, true));
    }

    @Test
    void bootTakesItsOptions() {
        assertThat(BootOptions.parse(List.of("boot", "--data-dir", "/tmp/x", "--mgmt-port", "9443", "--no-console",
                "--demo"))).isEqualTo(new BootOptions(Path.of("/tmp/x"), 9443, 2222, false, true));
        assertThat(BootOptions.parse(List.of("boot"))).isEqualTo(new BootOptions(Path.of("var"), 8443, 2222, true, false));
        assertThat(BootOptions.parse(List.of("boot", "--mgmt-port", "0")).mgmtPort()).as("any free port").isZero();
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("start")));
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--data-dir")));
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--mgmt-port", "70000")))
                .withMessageContaining("'70000'");
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--verbose")));
    }
}
