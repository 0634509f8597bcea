package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.gatehouse.appliance.dataplane.OneConnectStats;
import org.junit.jupiter.api.Test;

/**
 * {@code show ltm profile one-connect} lays a profile out as the golden {@code show/one-connect-profile.txt},
 * whose first block is F5's published capture of the command (see {@code show/README.md}): title between
 * dash rules as wide as it, {@code Virtual Server Name   N/A}, then the {@code Connections} rows.
 */
class OneConnectProfileShowTest {

    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/show/one-connect-profile.txt");

    @Test
    void aOneConnectProfileIsLaidOutAsF5Shows() throws IOException {
        String shown = new OneConnectProfileShow(new TrafficShow(null, "/Common", true))
                .profile(new OneConnectStats("/Common/lab_OneConnect", 23, 23, 1_477, 23, 0))
                + new OneConnectProfileShow(new TrafficShow(null, "/Common", false))
                        .profile(new OneConnectStats("/Tenant/api_oneconnect", 3, 120, 45_678, 1_260, 7));

        assertThat(shown).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void rawShowsExactCountsRightAlignedToTheWidestNumber() {
        String shown = new OneConnectProfileShow(new TrafficShow(null, "/Common", true))
                .profile(new OneConnectStats("/Common/oc", 0, 1, 123_456, 2, 0));

        assertThat(shown).contains("\nCurrent Idle            0\n", "\nTotal Reuses       123456\n",
                "\nNew                     2\n");
    }
}
