package net.gatehouse.appliance.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfRoundTripTest {

    private static final Principal LOADER = new Principal("admin", Principal.Origin.CONFIG_LOAD);

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void aSavedConfigurationLoadsIntoAFreshApplianceAndSavesIdentically() throws Exception {
        String saved;
        try (CoreFixture core = CoreFixture.open(first)) {
            core.tmsh("create auth partition Dev");
            core.tmsh("create ltm monitor http health send \"GET /health HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n\" recv \"200 OK\"");
            core.tmsh("create ltm pool web members add { 10.0.0.1:80 { ratio 2 } 10.0.0.2:80 { priority-group 5 } } "
                    + "monitor min 1 of { health tcp } load-balancing-mode least-connections-member");
            core.tmsh("create ltm profile http web_http fallback-host \"http://sorry.example.com/\" "
                    + "enforcement { max-header-count 80 }");
            core.tmsh("create ltm persistence cookie web_cookie cookie-name SESSION expiration 1:0:0");
            core.tmsh("create ltm snatpool outbound members add { 10.9.9.1 10.9.9.2 }");
            core.tmsh("create ltm virtual web_vs destination 10.1.1.1:80 pool web profiles add { tcp web_http } "
                    + "persist replace-all-with { web_cookie } fallback-persistence source_addr "
                    + "source-address-translation { type snat pool outbound } description \"public web site\"");
            core.tmsh("create ltm virtual /Dev/v6 destination 2001:db8::10.443 disabled");
            core.tmsh("modify sys db ui.advisory.enabled value true");
            saved = ConfFile.write(core.appliance().snapshot(), ConfFile::userOrChanged);
        }
        assertThat(saved).startsWith("#TMSH-VERSION: 15.1.0\n\n")
                .contains("ltm pool /Common/web {\n    load-balancing-mode least-connections-member\n")
                .contains("/Common/10.0.0.1:80 {\n            address 10.0.0.1\n            ratio 2\n")
                .contains("    disabled\n")
                .contains("    description \"public web site\"\n");
        try (CoreFixture core = CoreFixture.open(second)) {
            var commands = ConfFile.read(saved, "bigip.conf", core.appliance().snapshot());
            core.appliance().commands().execute(LOADER, commands);
            assertThat(ConfFile.write(core.appliance().snapshot(), ConfFile::userOrChanged)).isEqualTo(saved);
        }
    }

    @Test
    void anErrorNamesTheFileAndLineAndAppliesNothing() throws Exception {
        String text = "#TMSH-VERSION: 15.1.0\n\nltm pool /Common/a { }\nltm pool /Common/b {\n    monitor nosuch\n}\n"
                + "ltm pool /Common/c {\n    slow-ramp-time soon\n}\n";
        try (CoreFixture core = CoreFixture.open(first)) {
            assertThatThrownBy(() -> ConfFile.read(text, "bigip.conf", core.appliance().snapshot()))
                    .isInstanceOf(SyntaxError.class)
                    .hasMessage("bigip.conf line 7: ltm pool /Common/c: slow-ramp-time value \"soon\" must be a "
                            + "number between 0 and 65535");
            var commands = ConfFile.read(text.substring(0, text.indexOf("ltm pool /Common/c")), "bigip.conf",
                    core.appliance().snapshot());
            assertThatThrownBy(() -> core.appliance().commands().execute(LOADER, commands))
                    .isInstanceOf(ConfigError.class)
                    .hasMessage("01020036:3: The requested monitor (/Common/nosuch) was not found.");
            assertThat(core.tmsh("list ltm pool")).isEmpty();
        }
    }

    @Test
    void unmodelledModulesAreSkippedAndTheRestLoads() throws Exception {
        String text = "#TMSH-VERSION: 15.1.8.2\n\napm aaa localdb /Common/localDB { }\n"
                + "# a comment\nltm pool /Common/p {\n    description \"a\n multi-line note\"\n}\n"
                + "analytics global-settings { }\n";
        try (CoreFixture core = CoreFixture.open(first)) {
            core.appliance().commands().execute(LOADER, ConfFile.read(text, "bigip.conf", core.appliance().snapshot()));
            assertThat(core.tmsh("list ltm pool p")).isEqualTo("ltm pool p {\n    description \"a\n multi-line note\"\n}\n");
        }
    }
}
