package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class BootOptionsTest {

    @Test
    void noArgumentsBootTheDemoInVarWithAConsole() {
        assertThat(BootOptions.parse(List.of())).isEqualTo(new BootOptions(Path.of("var"), 8443, 2222, true, true, OptionalInt.empty()));
    }

    @Test
    void bootTakesItsOptions() {
        assertThat(BootOptions.parse(List.of("boot", "--data-dir", "/tmp/x", "--mgmt-port", "9443", "--no-console",
                "--demo"))).isEqualTo(new BootOptions(Path.of("/tmp/x"), 9443, 2222, false, true, OptionalInt.empty()));
        assertThat(BootOptions.parse(List.of("boot"))).isEqualTo(new BootOptions(Path.of("var"), 8443, 2222, true, false, OptionalInt.empty()));
        assertThat(BootOptions.parse(List.of("boot", "--mgmt-port", "0")).mgmtPort()).as("any free port").isZero();
    }

    @Test
    void threadsSetTheDataPlaneEventLoopsAndDefaultToOnePerCore() {
        assertThat(BootOptions.parse(List.of("boot", "--threads", "2")).threads()).hasValue(2);
        assertThat(BootOptions.parse(List.of("boot")).threads()).as("one per core").isEmpty();
    }

    @Test
    void badCommandLinesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("start")));
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--data-dir")));
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--mgmt-port", "70000")))
                .withMessageContaining("'70000'");
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--verbose")));
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--threads", "0")))
                .withMessageContaining("--threads").withMessageContaining("'0'");
        assertThatIllegalArgumentException().isThrownBy(() -> BootOptions.parse(List.of("boot", "--threads", "two")))
                .withMessageContaining("'two'");
    }
}
