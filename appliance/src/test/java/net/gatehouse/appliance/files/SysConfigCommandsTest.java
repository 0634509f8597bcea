package net.gatehouse.appliance.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysConfigCommandsTest {

    @TempDir
    Path data;

    @Test
    void mergeReplacesWholeObjectsAndKeepsTheRest() throws IOException {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create ltm pool keep description kept");
            core.tmsh("create ltm pool web description old load-balancing-mode least-connections-member");
            Path file = data.resolve("merge.conf");
            Files.writeString(file, "ltm pool /Common/web {\n    description new\n}\n");
            assertThat(core.tmsh("load sys config merge file " + file)).startsWith("Loading configuration...\n");
            assertThat(core.tmsh("list ltm pool web")).isEqualTo("ltm pool web {\n    description new\n}\n");
            assertThat(core.tmsh("list ltm pool keep")).contains("description kept");
        }
    }

    @Test
    void verifyChecksWithoutApplying() throws IOException {
        try (CoreFixture core = CoreFixture.open(data)) {
            Path file = data.resolve("verify.conf");
            Files.writeString(file, "ltm pool /Common/web {\n    description new\n}\n");
            assertThat(core.tmsh("load sys config merge file " + file + " verify"))
                    .startsWith("Validating configuration...\n");
            assertThat(core.tmsh("list ltm pool")).isEmpty();
        }
    }

    @Test
    void anErrorInAnLtmObjectNamesTheFileAndLineAndAppliesNothing() throws IOException {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create ltm pool before");
            Path file = data.resolve("bad.conf");
            Files.writeString(file, "ltm pool /Common/a { }\n\nltm pool /Common/b {\n    slow-ramp-time soon\n}\n");
            assertThat(core.tmshError("load sys config merge file " + file))
                    .isEqualTo("Syntax Error: " + file + " line 3: ltm pool /Common/b: slow-ramp-time value \"soon\""
                            + " must be a number between 0 and 65535");
            assertThat(core.tmsh("list ltm pool")).isEqualTo("ltm pool before { }\n");
        }
    }

    @Test
    void loadReplacesTheRunningConfigurationWithTheSavedFiles() {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create ltm pool saved");
            core.tmsh("modify sys global-settings hostname lb9.example.com");
            core.tmsh("save sys config");
            core.tmsh("create ltm pool unsaved members add { 10.0.0.1:80 }");
            core.tmsh("modify sys global-settings hostname other");
            core.tmsh("load sys config");
            assertThat(core.tmsh("list ltm pool")).isEqualTo("ltm pool saved { }\n");
            assertThat(core.tmsh("list ltm node")).isEmpty();
            assertThat(core.tmsh("list sys global-settings")).contains("hostname lb9.example.com");
        }
    }

    @Test
    void loadDefaultReturnsToTheFactoryConfiguration() {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create auth partition Dev");
            core.tmsh("create ltm pool /Dev/p");
            core.tmsh("modify sys global-settings hostname lb9.example.com");
            assertThat(core.tmsh("load sys config default")).isEqualTo("Loading the factory default configuration...\n");
            assertThat(core.tmsh("list ltm pool")).isEmpty();
            assertThat(core.tmsh("list sys global-settings")).isEqualTo("sys global-settings {\n    hostname bigip1\n}\n");
            assertThat(core.appliance().snapshot().all().filter(o -> o.fullPath().startsWith("/Dev"))).isEmpty();
        }
    }

    @Test
    void saveWritesUsersToTheirOwnFileWithSha512CryptPasswords() throws IOException {
        try (CoreFixture core = CoreFixture.open(data)) {
            core.tmsh("create auth user ops password S3cret! partition-access add { all-partitions { role operator } }"
                    + " shell tmsh");
            core.tmsh("save sys config");
            String users = Files.readString(data.resolve("config/bigip_user.conf"));
            assertThat(users).containsPattern("auth user ops \\{\n    encrypted-password \\$6\\$[./0-9A-Za-z]+\\$"
                    + "[./0-9A-Za-z]{86}\n    partition-access \\{\n        all-partitions \\{\n            role operator\n");
            assertThat(users).doesNotContain("S3cret!");
            assertThat(Files.readString(data.resolve("config/bigip.conf"))).doesNotContain("auth user");
        }
    }
}
