package net.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineConsoleTest {

    private static final String PROMPT = "admin@(gatehouse)(cfg-sync Standalone)(Active)(/Common)(tmos)# ";

    @TempDir
    Path dataDir;

    private Appliance appliance;

    @BeforeEach
    void open() {
        appliance = Appliance.open(dataDir, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        appliance.close();
    }

    @Test
    void createdPoolIsListedAndCommitted() throws Exception {
        String transcript = run("""
                create ltm pool web members add { 10.0.0.1:80 10.0.0.2:80 } monitor http
                list ltm pool web
                quit
                """);

        assertThat(transcript).startsWith(PROMPT);
        assertThat(transcript).contains("ltm pool web {", "10.0.0.1:http", "10.0.0.2:http", "monitor http");
        assertThat(transcript).endsWith(PROMPT);
        assertThat(appliance.snapshot().generation()).isEqualTo(1);
    }

    @Test
    void errorIsPrintedAndTheConsoleCarriesOn() throws Exception {
        String transcript = run("""
                list ltm pool missing
                create ltm pool after
                exit
                """);

        assertThat(transcript).contains("01020036:3: The requested Pool (/Common/missing) was not found.");
        assertThat(transcript.split(java.util.regex.Pattern.quote(PROMPT), -1)).hasSize(4);
        assertThat(appliance.snapshot().generation()).isEqualTo(1);
    }

    @Test
    void promptFollowsTheCurrentFolderAndEndOfInputEndsTheConsole() throws Exception {
        String transcript = run("cd /\nlist ltm pool\n");

        assertThat(transcript).contains("admin@(gatehouse)(cfg-sync Standalone)(Active)(/)(tmos)# ");
        assertThat(transcript).endsWith("(/)(tmos)# \n");
    }

    private String run(String input) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new LineConsole("admin", appliance.tmsh(new Principal("admin", Principal.Origin.TMSH)),
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out).run();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
