package net.gatehouse.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.mgmt.MgmtServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse tmsh} against an appliance and its REST API running in the test, over real HTTPS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TmshClientIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private Appliance appliance;
    private MgmtServer server;
    private Path dataDir;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        this.dataDir = dataDir;
        appliance = Appliance.open(dataDir, CLOCK);
        server = MgmtServer.start(appliance, dataDir, new InetSocketAddress("127.0.0.1", 0), CLOCK);
    }

    @AfterAll
    void stop() {
        server.close();
        appliance.close();
    }

    @Test
    void oneShotCommandsCreateAndListAPoolAndExitZero() {
        Run run = tmsh("admin", "", "--insecure", "-c",
                "create ltm pool oneshot_pool description \"it's one\"; list ltm pool oneshot_pool");

        assertThat(run.exit).as(run.err).isEqualTo(TmshCommand.EXIT_OK);
        assertThat(run.out).contains("ltm pool oneshot_pool {").contains("description \"it's one\"");
    }

    @Test
    void aRefusedCommandExitsOneWithTheAppliancesMessage() {
        Run run = tmsh("admin", "", "--insecure", "-c", "delete ltm pool no_such_pool");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_FAILED);
        assertThat(run.err).contains("01020036:3: The requested Pool (/Common/no_such_pool) was not found.");
    }

    @Test
    void aScriptStopsAtItsFirstFailureAndNamesTheLine() throws IOException {
        Path script = Files.writeString(dataDir.resolve("setup.tmsh"), String.join("\n",
                "# two pools, then a typing error",
                "create ltm pool script_pool_a",
                "bogus ltm pool script_pool_b",
                "",
                "create ltm pool script_pool_c") + "\n");

        Run run = tmsh("admin", "", "--insecure", script.toString());

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_FAILED);
        assertThat(run.err).contains("setup.tmsh line 3: Syntax Error:");
        Run list = tmsh("admin", "", "--insecure", "-c", "list ltm pool");
        assertThat(list.out).contains("ltm pool script_pool_a").doesNotContain("script_pool_c");
    }

    @Test
    void aCliTransactionOnOneLineIsAllOrNothing() {
        Run run = tmsh("admin", "", "--insecure", "-c", "create cli transaction; create ltm pool tx_pool_a;"
                + " delete ltm pool tx_missing; submit cli transaction");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_FAILED);
        assertThat(tmsh("admin", "", "--insecure", "-c", "list ltm pool").out).doesNotContain("tx_pool_a");
    }

    @Test
    void linesFromStandardInputRunOneByOne() {
        Run run = tmsh("admin", "create ltm pool stdin_pool\n\nlist ltm pool stdin_pool\nquit\ncreate ltm pool after_quit\n",
                "--insecure");

        assertThat(run.exit).as(run.err).isEqualTo(TmshCommand.EXIT_OK);
        assertThat(run.out).contains("ltm pool stdin_pool {");
        assertThat(tmsh("admin", "", "--insecure", "-c", "list ltm pool").out).doesNotContain("after_quit");
    }

    @Test
    void aScriptKeepsItsFolderAndModuleFromLineToLine() throws IOException {
        Path script = Files.writeString(dataDir.resolve("context.tmsh"),
                "cd /Common\nltm\ncreate pool context_p1\nexit\nlist ltm pool context_p1\n");

        Run run = tmsh("admin", "", "--insecure", script.toString());

        assertThat(run.exit).as(run.err).isEqualTo(TmshCommand.EXIT_OK);
        assertThat(run.out).contains("ltm pool context_p1 { }");
    }

    @Test
    void theSameCommandsOnOneLineWorkToo() {
        Run run = tmsh("admin", "", "--insecure", "-c",
                "cd /Common; ltm; create pool context_p2; exit; list ltm pool context_p2");

        assertThat(run.exit).as(run.err).isEqualTo(TmshCommand.EXIT_OK);
        assertThat(run.out).contains("ltm pool context_p2 { }");
    }

    @Test
    void aFolderEnteredOnOneLineHoldsTheNextLinesObjects() {
        Run run = tmsh("admin", "create sys folder /Common/context_app\ncd context_app\ncreate ltm pool in_app\n"
                + "cd ..\nlist ltm pool /Common/context_app/in_app\n", "--insecure");

        assertThat(run.exit).as(run.err).isEqualTo(TmshCommand.EXIT_OK);
        assertThat(run.out).contains("ltm pool /Common/context_app/in_app { }");
    }

    @Test
    void aCliTransactionAcrossLinesIsAppliedAtSubmit() {
        Run run = tmsh("admin", "create cli transaction\nltm\ncreate pool txl_a\ncreate pool txl_b\n"
                + "list cli transaction\nsubmit cli transaction\n", "--insecure");

        assertThat(run.exit).as(run.err).isEqualTo(TmshCommand.EXIT_OK);
        assertThat(run.out).contains("1: create cli transaction\n2: ltm\n3: create pool txl_a\n");
        assertThat(tmsh("admin", "", "--insecure", "-c", "list ltm pool").out)
                .contains("ltm pool txl_a").contains("ltm pool txl_b");
    }

    @Test
    void aCliTransactionAcrossLinesIsAllOrNothing() {
        long before = appliance.snapshot().generation();
        Run run = tmsh("admin", "create cli transaction\ncreate ltm pool txn_a\nbogus ltm pool txn_typo\n"
                + "delete ltm pool txn_missing\nsubmit cli transaction\n", "--insecure");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_FAILED);
        assertThat(run.err).contains("Syntax Error:")
                .contains("01020036:3: The requested Pool (/Common/txn_missing) was not found.");
        assertThat(appliance.snapshot().generation()).as("nothing applied").isEqualTo(before);
        assertThat(tmsh("admin", "", "--insecure", "-c", "list ltm pool").out).doesNotContain("txn_a");
    }

    @Test
    void aTransactionLeftOpenAppliesNothingAndFails() throws IOException {
        Path script = Files.writeString(dataDir.resolve("open.tmsh"), "create cli transaction\ncreate ltm pool txo_a\n");

        Run run = tmsh("admin", "", "--insecure", script.toString());

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_FAILED);
        assertThat(run.err).contains("the cli transaction was not submitted");
        assertThat(tmsh("admin", "", "--insecure", "-c", "list ltm pool").out).doesNotContain("txo_a");
    }

    @Test
    void aWrongPasswordExitsThreeAndSaysTheLoginFailed() {
        Run run = tmsh("not-the-password", "", "--insecure", "-c", "list ltm pool");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_UNREACHABLE);
        assertThat(run.err).contains("login as admin").contains("failed").contains("Authentication failed.");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aClosedPortExitsThreeAndSaysTheApplianceCannotBeReached() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Run run = tmsh("admin", "", "--insecure", "--port", Integer.toString(closed), "-c", "list ltm pool");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_UNREACHABLE);
        assertThat(run.err).contains("cannot reach https://127.0.0.1:" + closed).contains("connection refused");
    }

    @Test
    void withoutInsecureTheSelfSignedCertificateIsNotTrusted() {
        Run run = tmsh("admin", "", "-c", "list ltm pool");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_UNREACHABLE);
        assertThat(run.err).contains("--insecure");
    }

    @Test
    void aBadCommandLineExitsTwo() {
        Run run = tmsh("admin", "", "--port", "none");

        assertThat(run.exit).isEqualTo(TmshCommand.EXIT_USAGE);
        assertThat(run.err).contains("--port must be a port number").contains("usage: gatehouse tmsh");
    }

    private Run tmsh(String password, String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(server.port())));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new TmshCommand(Map.of(TmshCommand.PASSWORD_VARIABLE, password), Optional.empty(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int exit, String out, String err) {
    }
}
