package net.gatehouse.appliance.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idle-timeout-override} of a one-connect profile: disabled, indefinite or 0..4294967295 seconds. */
class OneConnectProfileRuleTest {

    @TempDir
    Path dir;

    private CoreFixture core;

    @BeforeEach
    void open() {
        core = CoreFixture.open(dir);
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void disabledIndefiniteAndSecondsUpToTheLimitAreTaken() {
        core.tmsh("create ltm profile one-connect oc");
        for (String value : List.of("indefinite", "0", "300", "4294967295", "disabled")) {
            core.tmsh("modify ltm profile one-connect oc idle-timeout-override " + value);
            assertThat(core.tmsh("list ltm profile one-connect oc all-properties"))
                    .contains("idle-timeout-override " + value);
        }
    }

    @Test
    void aBadValueIsRefusedNamingTheProfileThePropertyAndTheValue() {
        long generation = core.generation();
        assertThat(core.tmshError("create ltm profile one-connect oc idle-timeout-override soon"))
                .isEqualTo("01070734:3: Configuration error: Invalid idle-timeout-override value (soon) for one-connect"
                        + " profile (/Common/oc); it must be disabled, indefinite or a number of seconds from 0 to"
                        + " 4294967295.");
        assertThat(core.generation()).isEqualTo(generation);
        assertThat(core.tmshError("list ltm profile one-connect oc")).contains("(/Common/oc) was not found");

        core.tmsh("create ltm profile one-connect oc idle-timeout-override 60");
        for (String value : List.of("4294967296", "-1", "1.5", "99999999999")) {
            assertThat(core.tmshError("modify ltm profile one-connect oc idle-timeout-override " + value))
                    .contains("Invalid idle-timeout-override value (" + value + ")", "(/Common/oc)");
        }
        assertThat(core.tmsh("list ltm profile one-connect oc all-properties"))
                .contains("idle-timeout-override 60");
    }
}
