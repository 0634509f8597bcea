package net.gatehouse.appliance.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.gatehouse.appliance.CoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {

    private static final Path REALISTIC = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/configs/realistic");

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void aRealisticMultiFileConfigurationLoadsSavesAndLoadsBackIdentically() throws IOException {
        copy(REALISTIC, first.resolve("config"));
        Map<String, String> saved;
        try (CoreFixture core = CoreFixture.open(first)) {
            String loading = core.tmsh("load sys config");
            assertThat(loading).startsWith("Loading configuration...\n  /config/bigip_base.conf\n"
                    + "  /config/bigip_user.conf\n  /config/bigip.conf\n  /config/partitions/Dev/bigip.conf\n");
            assertThat(loading)
                    .contains("Skipped 2 \"apm\" stanzas (first at bigip.conf line 4)")
                    .contains("Skipped 1 \"asm\" stanza")
                    .contains("Skipped 1 \"security\" stanza")
                    .contains("Skipped 1 \"analytics\" stanza")
                    .contains("Skipped 2 \"gtm\" stanzas")
                    .contains("Skipped 1 \"ltm profile sip\" stanza")
                    .contains("Skipped 2 \"net interface\" stanzas")
                    .contains("sys file ssl-key /Common/www.example.com.key: the key material");
            assertThat(core.tmsh("list ltm rule block_clients"))
                    .isEqualTo("ltm rule block_clients {\nwhen CLIENT_ACCEPTED {\n    # drop anyone on the \"blocked\" "
                            + "list; don't log 'em\n    if { [class match [IP::client_addr] equals blocked_clients] } {\n"
                            + "        drop\n    }\n}\n}\n");
            assertThat(core.tmsh("list sys global-settings")).contains("    hostname lb1.example.com\n");
            assertThat(core.tmsh("list auth user dev_operator")).contains("Dev {\n            role operator");
            saved = saveAndRead(core, first);
        }
        assertThat(saved.keySet()).containsExactly("bigip.conf", "bigip_base.conf", "bigip_user.conf",
                "partitions/Dev/bigip.conf");
        assertThat(saved.get("bigip.conf")).doesNotContain("apm ").doesNotContain("gtm ")
                .contains("ltm virtual /Common/www_https {").contains("ltm rule /Common/persist_on_jsessionid {\n");
        assertThat(saved.get("bigip_base.conf")).contains("auth partition Dev {").contains("net self /Common/self_internal")
                .contains("sys global-settings {\n");
        assertThat(saved.get("partitions/Dev/bigip.conf")).contains("ltm virtual /Dev/dev_vs {");
        for (Map.Entry<String, String> file : saved.entrySet()) {
            Path target = second.resolve("config").resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        try (CoreFixture core = CoreFixture.open(second)) {
            core.tmsh("load sys config");
            assertThat(saveAndRead(core, second)).isEqualTo(saved);
        }
    }

    @Test
    void aPartitionsRootFolderIsSavedInThePartitionsFileLoadedBackAndRemovedWithItsPartition() throws IOException {
        Map<String, String> saved;
        try (CoreFixture core = CoreFixture.open(first)) {
            core.tmsh("create auth partition Tenant1 description tenant");
            core.tmsh("modify sys folder /Tenant1 description root");
            saved = saveAndRead(core, first);
            assertThat(saved.get("bigip_base.conf")).contains("auth partition Tenant1 {\n    description tenant\n}");
            assertThat(saved.get("partitions/Tenant1/bigip.conf")).contains("sys folder /Tenant1 {\n    description root\n}");
            assertThat(saved.get("bigip.conf")).doesNotContain("sys folder /Tenant1");

            core.tmsh("load sys config");
            assertThat(core.tmsh("list sys folder /Tenant1")).contains("description root");
            assertThat(core.tmsh("list auth partition Tenant1")).contains("description tenant");

            core.tmsh("load sys config default");
            assertThat(core.tmshError("list auth partition Tenant1")).contains("was not found");
            assertThat(core.tmshError("list sys folder /Tenant1")).contains("was not found");
        }
        for (Map.Entry<String, String> file : saved.entrySet()) {
            Path target = second.resolve("config").resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        try (CoreFixture core = CoreFixture.open(second)) {
            core.tmsh("load sys config");
            assertThat(core.tmsh("list sys folder /Tenant1")).contains("description root");
            assertThat(saveAndRead(core, second)).isEqualTo(saved);
        }
    }

    private static Map<String, String> saveAndRead(CoreFixture core, Path data) throws IOException {
        core.tmsh("save sys config");
        Map<String, String> files = new TreeMap<>();
        Path config = data.resolve("config");
        try (Stream<Path> walk = Files.walk(config)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".conf")).toList()) {
                files.put(config.relativize(file).toString().replace('\\', '/'),
                        Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                Path target = to.resolve(from.relativize(file).toString());
                try {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
