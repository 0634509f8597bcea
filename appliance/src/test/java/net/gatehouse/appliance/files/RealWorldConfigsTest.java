package net.gatehouse.appliance.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configurations found in public repositories ({@code src/test/resources/realworld}, each with its
 * source in a comment), loaded as a new user would ({@code load sys config merge file F}). Those that
 * load must survive {@code save sys config} and a load into a fresh appliance unchanged; those
 * BIG-IP itself would refuse are refused with a message naming what is wrong, and nothing is applied.
 */
class RealWorldConfigsTest {

    private static final Path REALWORLD = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/realworld");

    @TempDir
    Path first;

    @TempDir
    Path second;

    /** A fixture set: tmsh lines ({@code !line}) and files merged in order, and what the listing then holds. */
    static Stream<Arguments> loadable() {
        return Stream.of(
                Arguments.of(List.of("lab-setup-network.conf", "dns-dos-udp.conf"),
                        "list ltm virtual dns", "    vlans {\n        client-side\n    }\n    vlans-enabled\n"),
                Arguments.of(List.of("corkscrew-bigip_base.conf"),
                        "list sys global-settings", "    hostname devCloud01.benlab.io\n"),
                Arguments.of(List.of("pythondevops-13.1.conf"),
                        "list ltm virtual Adobe-test-VS", "        pool snatdemo\n        type snat\n"),
                Arguments.of(List.of("!create sys folder /Common/appsvcs", "corkscrew-sni-routing-15.1.conf"),
                        "list sys file ssl-cert \\*.myaspirevisa.com", "sys file ssl-cert \\*.myaspirevisa.com {\n"),
                Arguments.of(List.of("hardening-guide-cpm-host-validation.conf"),
                        "list ltm policy _http_host_validation",
                        "                    values { <dns_name_1> <dns_name_2> <dns_name_3> }\n"),
                Arguments.of(List.of("!create ltm pool css_pool", "!create ltm pool jpg.pool",
                                "!create ltm pool js.io_t80_pool", "corkscrew-policy-pool-extraction.conf"),
                        "list ltm policy test1_ltPolicy", "                    node 10.10.10.1\n"),
                Arguments.of(List.of("status-monitors-blog.conf"),
                        "list ltm monitor http status-http-monitor",
                        "    send \"GET /status.html HTTP/1.1\\\\r\\\\nHost: status.com\\\\r\\\\nConnection: close"));
    }

    @ParameterizedTest
    @MethodSource("loadable")
    void loadsAndSurvivesSaveAndLoadIntoAFreshAppliance(List<String> steps, String list, String listed) {
        Map<String, String> saved;
        String running;
        try (CoreFixture core = CoreFixture.open(first)) {
            for (String step : steps) {
                assertThat(core.tmsh(line(step))).isNotNull();
            }
            assertThat(core.tmsh(list)).contains(listed);
            running = core.tmsh("show running-config");
            core.tmsh("save sys config");
            saved = savedFiles(first);
        }
        copy(saved, second);
        try (CoreFixture core = CoreFixture.open(second)) {
            core.tmsh("load sys config");
            assertThat(core.tmsh(list)).contains(listed);
            assertThat(core.tmsh("show running-config")).isEqualTo(running);
            core.tmsh("save sys config");
            assertThat(savedFiles(second)).isEqualTo(saved);
        }
    }

    @Test
    void aWholeBigip13ConfSkipsTheModulesGatehouseDoesNotModelOnceEachAndWarnsOfMissingKeys() {
        try (CoreFixture core = CoreFixture.open(first)) {
            String loading = core.tmsh(line("pythondevops-13.1.conf"));
            assertThat(loading).contains("Skipped 40 \"asm\" stanzas (first at ")
                    .contains("Skipped 13 \"security\" stanzas")
                    .contains("Skipped 1 \"wom\" stanza")
                    .contains("sys file ssl-key /Common/Adobe-key.key: the key material");
            assertThat(core.tmsh("list ltm default-node-monitor")).isEqualTo("ltm default-node-monitor { }\n");
            assertThat(core.tmsh("list ltm profile client-ssl clientssl all-properties"))
                    .contains("    max-active-handshakes indefinite\n");
        }
    }

    @Test
    void aWildcardCertificateNameIsReadAndWrittenEscapedAsBigipWritesIt() throws IOException {
        try (CoreFixture core = CoreFixture.open(first)) {
            core.tmsh("create sys folder /Common/appsvcs");
            core.tmsh(line("corkscrew-sni-routing-15.1.conf"));
            assertThat(core.tmsh("list ltm profile client-ssl wildcard.myaspirevisa.com"))
                    .contains("        \\*.myaspirevisa_0 {\n            cert *.myaspirevisa.com\n"
                            + "            key *.myaspirevisa.com\n        }\n");
            core.tmsh("save sys config file wildcard.conf");
            assertThat(Files.readString(first.resolve("config/wildcard.conf")))
                    .contains("sys file ssl-key /Common/\\*.myaspirevisa.com {\n")
                    .contains("            cert /Common/*.myaspirevisa.com\n");
        }
    }

    @Test
    void aTmshScriptFromBashRunsLineByLineAndAnHttpOnlyVirtualGetsTheTcpProfile() throws IOException {
        try (CoreFixture core = CoreFixture.open(first)) {
            for (String script : Files.readAllLines(REALWORLD.resolve("cloudadc-bash-add.tmsh"))) {
                if (script.startsWith("tmsh ")) {
                    core.tmsh(script.substring("tmsh ".length()));
                }
            }
            assertThat(core.tmsh("list ltm snatpool snat_1")).isEqualTo(
                    "ltm snatpool snat_1 {\n    members {\n        10.1.10.103\n        10.1.10.104\n    }\n}\n");
            assertThat(core.tmsh("list ltm virtual vs_1")).contains("    profiles {\n        http { }\n        tcp { }\n");
            assertThat(core.tmsh("list ltm node 10.1.20.12")).contains("    monitor icmp\n");
        }
    }

    /** Files BIG-IP would refuse as well: the message names the object and what is missing or wrong. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("mcp-test-tools.conf", "01020036:3: The requested Rule (/Common/mcp_proxy) was not found."),
                Arguments.of("wallix-bastion-guide.conf",
                        "01020036:3: The requested Certificate (/Common/wallix.company.com.crt) was not found."),
                Arguments.of("nginx-proxy-map-template.conf", "ltm virtual /Common/vs01-clear_to_ssl: destination value "
                        + "\"__VS_ADDR__:80\" has an invalid address '__VS_ADDR__'"),
                Arguments.of("corkscrew-policy-pool-extraction.conf",
                        "01020036:3: The requested Pool (/Common/css_pool) was not found."),
                Arguments.of("corkscrew-partition-foo.conf",
                        "Configuration error: Can't associate Node (/foo/192.50.2.2) folder does not exist"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void whatBigipWouldRefuseIsRefusedWithItsReasonAndNothingIsApplied(String file, String message) {
        try (CoreFixture core = CoreFixture.open(first)) {
            long generation = core.generation();
            assertThat(core.tmshError(line(file))).contains(message);
            assertThat(core.generation()).isEqualTo(generation);
        }
    }

    @Test
    void aPartitionFileLoadsAfterItsBaseFileButNotWithoutTheSnatPoolItNamesInCommon() {
        try (CoreFixture core = CoreFixture.open(first)) {
            core.tmsh(line("corkscrew-bigip_base.conf"));
            assertThat(core.tmshError(line("corkscrew-partition-foo.conf")))
                    .isEqualTo("01020036:3: The requested SNAT Pool (/Common/snatPool1) was not found.");
            core.tmsh("create ltm snatpool snatPool1 members add { 10.2.3.10 }");
            core.tmsh(line("corkscrew-partition-foo.conf"));
            core.tmsh("cd /foo");
            assertThat(core.tmsh("list ltm virtual recursive one-line")).contains(
                    "ltm virtual /foo/defaultsUDP_5555/serviceMain { creation-time 2020-10-06:13:27:20 description "
                            + "defaultsUDP_5555 destination 192.50.2.1:5555 ip-protocol udp");
        }
    }

    private static String line(String step) {
        return step.startsWith("!") ? step.substring(1)
                : "load sys config merge file " + REALWORLD.toAbsolutePath().resolve(step);
    }

    private static Map<String, String> savedFiles(Path data) {
        Path config = data.resolve("config");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(config)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".conf")).toList()) {
                files.put(config.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static void copy(Map<String, String> files, Path data) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = data.resolve("config").resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
