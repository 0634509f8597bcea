package net.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.tmsh.PingArguments;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmshShellTest {

    private static final String PROMPT = "admin@(gatehouse)(cfg-sync Standalone)(Active)(/Common)(tmos)# ";

    @TempDir
    Path dataDir;

    private Appliance appliance;
    private TmshSession session;

    @BeforeEach
    void open() {
        appliance = Appliance.open(dataDir, Clock.systemUTC());
        session = appliance.tmsh(new Principal("admin", Principal.Origin.TMSH));
    }

    @AfterEach
    void close() {
        appliance.close();
    }

    @Test
    void aCreatedPoolIsListedAndCommittedAndTheLineIsRemembered() throws Exception {
        Path history = dataDir.resolve(".tmsh_history");
        String transcript = run("create ltm pool web members add { 10.0.0.1:80 10.0.0.2:80 } monitor http\n"
                + "list ltm pool web\nquit\n", Optional.of(history));

        assertThat(transcript).contains(PROMPT, "ltm pool web {", "10.0.0.1:http", "10.0.0.2:http", "monitor http");
        assertThat(appliance.snapshot().generation()).isEqualTo(1);
        assertThat(Files.readString(history)).contains("create ltm pool web members add");
    }

    @Test
    void anErrorIsPrintedAndTheShellCarriesOn() throws Exception {
        String transcript = run("list ltm pool missing\ncreate ltm pool after\nexit\n", Optional.empty());

        assertThat(transcript).contains("01020036:3: The requested Pool (/Common/missing) was not found.");
        assertThat(appliance.snapshot().generation()).isEqualTo(1);
    }

    @Test
    void thePromptFollowsTheCurrentFolder() throws Exception {
        String transcript = run("cd /\nlist ltm pool\n", Optional.empty());

        assertThat(transcript).contains("admin@(gatehouse)(cfg-sync Standalone)(Active)(/)(tmos)# ");
    }

    @Test
    void completionOffersVerbsComponentsNamesPropertiesAndValues() throws Exception {
        session.execute("create ltm pool web");
        TmshCompleter completer = new TmshCompleter(session, appliance::snapshot);

        assertThat(words(completer)).contains("create", "list", "modify", "delete");
        assertThat(words(completer, "list", "ltm")).contains("pool", "virtual", "monitor", "profile");
        assertThat(words(completer, "list", "ltm", "monitor")).contains("http", "https", "tcp");
        assertThat(words(completer, "modify", "ltm", "pool")).containsExactly("web");
        assertThat(words(completer, "modify", "ltm", "pool", "web"))
                .contains("load-balancing-mode", "members", "monitor", "slow-ramp-time");
        assertThat(words(completer, "modify", "ltm", "pool", "web", "load-balancing-mode"))
                .contains("round-robin", "least-connections-member");
        assertThat(words(completer, "modify", "ltm", "pool", "web", "monitor")).contains("http", "none");
        assertThat(words(completer, "modify", "ltm", "pool", "web", "members"))
                .containsExactly("add", "delete", "modify", "replace-all-with", "none");
        assertThat(words(completer, "create", "ltm", "virtual", "v"))
                .contains("disabled", "destination").doesNotContain("vs-index");
        assertThat(completer.suggestions(List.of("modify", "ltm", "pool", "web")))
                .contains(new TmshCompleter.Suggestion("slow-ramp-time", "integer [0..65535] (default 10)"));
    }

    @Test
    void runUtilPingIsCompletedAndHelpedLikeTheOtherVerbs() throws Exception {
        session.execute("ltm");
        TmshCompleter completer = new TmshCompleter(session, appliance::snapshot);

        assertThat(words(completer)).contains("run");
        assertThat(words(completer, "run")).containsExactly("util");
        assertThat(words(completer, "run", "util")).containsExactly("ping");
        assertThat(words(completer, "run", "util", "ping")).containsExactlyElementsOf(
                Stream.concat(PingArguments.KNOWN.stream(), Stream.of("<host>"))
                        .toList());
        assertThat(completer.suggestions(List.of("run", "util", "ping", "-c")))
                .containsExactly(new TmshCompleter.Suggestion("<number>", TmshCompleter.PING_OPTIONS.get("-c")));
        assertThat(words(completer, "run", "util", "ping", "-n")).contains("-c", "<host>");
    }

    @Test
    void pingsOutputReachesTheTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ping"))
                || Files.isExecutable(Path.of("/bin/ping")), "iputils-ping is not installed (CI installs it)");

        String transcript = run("run util ping -c 1 127.0.0.1\nquit\n", Optional.empty());

        assertThat(transcript).contains("1 packets transmitted, 1 received");
    }

    @Test
    void anIdleSessionEndsAfterTheConsoleInactivityTimeout() throws Exception {
        session.execute("modify sys global-settings console-inactivity-timeout 1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.io.PipedOutputStream keys = new java.io.PipedOutputStream();
                java.io.PipedInputStream in = new java.io.PipedInputStream(keys);
                Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, in, bytes, StandardCharsets.UTF_8)) {
            Thread shell = new Thread(() -> new TmshShell("admin", session, appliance::snapshot, terminal,
                    Optional.empty()).run());
            shell.start();
            shell.join(15_000);
            assertThat(shell.isAlive()).as("the idle shell ended; it printed: %s", bytes).isFalse();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("The session timed out after 1 seconds");
    }

    @Test
    void theIdleLimitIsNeverReachedWhenItIsZero() {
        assertThat(IdleTimeout.expired(java.time.Duration.ZERO, 0, Long.MAX_VALUE)).isFalse();
        assertThat(IdleTimeout.expired(java.time.Duration.ofSeconds(5), 0, 4_999_999_999L)).isFalse();
        assertThat(IdleTimeout.expired(java.time.Duration.ofSeconds(5), 0, 5_000_000_000L)).isTrue();
    }

    private static List<String> words(TmshCompleter completer, String... typed) {
        return completer.suggestions(List.of(typed)).stream().map(TmshCompleter.Suggestion::word).toList();
    }

    private String run(String input, Optional<Path> history) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), bytes, StandardCharsets.UTF_8)) {
            new TmshShell("admin", session, appliance::snapshot, terminal, history).run();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
