package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

    @TempDir
    Path dataDir;

    @Test
    void identityIsChosenAtFirstBootAndKeptAfterwards() {
        Platform first = Platform.identify(dataDir.resolve("box"));
        Platform second = Platform.identify(dataDir.resolve("box"));

        assertThat(first.serialNumber()).matches("z100-[0-9a-f]{4}-[0-9a-f]{4}");
        assertThat(second.serialNumber()).isEqualTo(first.serialNumber());
        assertThat(second.baseMac()).isEqualTo(first.baseMac());
        assertThat(dataDir.resolve("box").resolve(Platform.IDENTITY_FILE)).exists();
    }

    @Test
    void baseMacIsLocallyAdministeredUnicast() {
        String mac = Platform.identify(dataDir).baseMac();

        assertThat(mac).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        assertThat(first & 0x02).isEqualTo(0x02);
        assertThat(first & 0x01).isZero();
    }

    @Test
    void selfTestReportsEveryCheckAsOk() {
        Platform platform = Platform.identify(dataDir);

        assertThat(platform.selfTest()).allSatisfy(line -> assertThat(line).startsWith("POST: ").endsWith(" ok"));
        assertThat(platform.selfTest().get(0)).isEqualTo("POST: platform Gatehouse Virtual Edition (Z100) ok");
        assertThat(platform.cores()).isPositive();
    }
}
