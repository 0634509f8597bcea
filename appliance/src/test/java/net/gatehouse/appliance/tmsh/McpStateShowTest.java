package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show sys mcp-state} answers as the golden {@code show/mcp-state.txt}: running, the last load
 * succeeded, which is what F5's {@code bigip_ucs} polls for after installing an archive.
 */
class McpStateShowTest {

    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/show/mcp-state.txt");

    @Test
    void theConfigurationDaemonRunsAndItsLastLoadSucceeded(@TempDir Path dir) throws Exception {
        try (Appliance appliance = Appliance.open(dir, java.time.Clock.systemUTC())) {
            String shown = appliance.tmsh(new Principal("admin", Principal.Origin.TMSH)).execute("show sys mcp-state");
            assertThat(shown).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
            assertThat(shown).containsPattern("Running Phase\\s+running")
                    .containsPattern("Last Configuration Load Status\\s+full-config-load-succeed");
        }
    }
}
