package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code run util ping}: the system's ping (CI installs iputils-ping), its arguments checked first. */
class UtilPingTest {

    @TempDir
    Path dir;

    private static void assumePingInstalled() {
        assumeTrue(List.of(Path.of("/usr/bin/ping"), Path.of("/bin/ping")).stream().anyMatch(Files::isExecutable),
                "iputils-ping is not installed (CI installs it)");
    }

    @Test
    void pingingLoopbackOnceShowsPingsOwnReport() throws Exception {
        assumePingInstalled();
        try (CoreFixture core = CoreFixture.open(dir)) {
            String output = core.appliance().tmsh(CoreFixture.ADMIN).execute("run util ping -c 1 127.0.0.1");

            assertThat(output).startsWith("PING 127.0.0.1 (127.0.0.1)")
                    .contains("1 packets transmitted, 1 received, 0% packet loss");
        }
    }

    @Test
    void theOutputIsHandedOnLineByLineAsItComes() throws Exception {
        assumePingInstalled();
        try (CoreFixture core = CoreFixture.open(dir)) {
            List<String> pieces = new ArrayList<>();
            core.appliance().tmsh(CoreFixture.ADMIN).execute("run util ping -c 2 -i 0.2 127.0.0.1", pieces::add);

            List<String> lines = pieces.stream().filter(piece -> !piece.isEmpty()).toList();
            assertThat(lines).allMatch(line -> line.endsWith("\n") && line.indexOf('\n') == line.length() - 1);
            assertThat(lines).filteredOn(line -> line.contains("icmp_seq=")).hasSize(2);
        }
    }

    @Test
    void aTargetPingRefusesEndsInAnErrorAfterPingsOwnWords() throws Exception {
        assumePingInstalled();
        try (CoreFixture core = CoreFixture.open(dir)) {
            List<String> pieces = new ArrayList<>();
            assertThatThrownBy(() -> core.appliance().tmsh(CoreFixture.ADMIN)
                    .execute("run util ping -c 1 -W 1 255.255.255.255", pieces::add))
                    .isInstanceOf(TmshError.class)
                    .hasMessage("run util ping: ping 255.255.255.255 failed (ping exit status 2)");
            assertThat(String.join("", pieces)).contains("broadcast");
        }
    }

    @Test
    void withoutThePingProgramTheErrorNamesThePackage() {
        UtilPing ping = new UtilPing(List.of(dir));

        assertThatThrownBy(() -> ping.run(PingArguments.parse(List.of("127.0.0.1")), text -> { }))
                .isInstanceOf(TmshError.class)
                .hasMessage("run util ping: the ping program (iputils-ping) is not installed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "run util ping \"127.0.0.1; rm -rf /\"|\"127.0.0.1; rm -rf /\" is not an IP address or a host name",
        "run util ping -f 127.0.0.1|unknown option \"-f\"",
        "run util ping --help|unknown option \"--help\"",
        "run util ping \"$(id)\"|\"$(id)\" is not an IP address or a host name",
        "run util ping -c 1000 127.0.0.1|option -c (count) must be between 1 and 100, not 1000",
        "run util ping -c 1x 127.0.0.1|option -c (count) takes a whole number, not \"1x\"",
        "run util ping -W -1 127.0.0.1|option -W (timeout in seconds) takes a number, not \"-1\"",
        "run util ping -c|option -c (count) needs a value",
        "run util ping 127.0.0.1 10.0.0.1|\"10.0.0.1\" unexpected argument: the host is already 127.0.0.1",
        "run util ping -c 1|a host (an IP address or a host name) is required",
        "run util ping 999.1.1.1|\"999.1.1.1\" is not an IP address or a host name"})
    void injectionAndBadArgumentsAreRefusedNamingTheArgument(String line, String message) throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            assertThatThrownBy(() -> core.appliance().tmsh(CoreFixture.ADMIN).execute(line))
                    .isInstanceOf(TmshError.class)
                    .hasMessageStartingWith("run util ping: " + message);
        }
    }

    @Test
    void aCountIsDefaultedToFourAndTheRunIsTimeBound() throws Exception {
        PingArguments plain = PingArguments.parse(List.of("gatehouse.example"));
        PingArguments options = PingArguments.parse(List.of("-c2", "-W", "1", "-i", "0.5", "-n", "::1"));

        assertThat(plain.argv()).containsExactly("-c", "4", "gatehouse.example");
        assertThat(plain.timeBound()).isEqualTo(Duration.ofSeconds(4 + 10 + 5));
        assertThat(options.argv()).containsExactly("-c", "2", "-W", "1", "-i", "0.5", "-n", "::1");
        assertThat(options.timeBound()).isEqualTo(Duration.ofSeconds(2 + 5));
    }

    @Test
    void onlyRunUtilPingIsAUtility() throws Exception {
        try (CoreFixture core = CoreFixture.open(dir)) {
            assertThatThrownBy(() -> core.appliance().tmsh(CoreFixture.ADMIN).execute("run util bash -c id"))
                    .isInstanceOf(TmshError.class)
                    .hasMessageStartingWith("Syntax Error: \"util bash\" unexpected argument");
            assertThatThrownBy(() -> core.appliance().tmsh(CoreFixture.ADMIN).execute("run"))
                    .isInstanceOf(TmshError.class)
                    .hasMessage("Syntax Error: \"run\" needs a utility (run util ping)");
        }
    }
}
