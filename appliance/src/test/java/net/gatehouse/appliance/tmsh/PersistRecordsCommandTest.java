package net.gatehouse.appliance.tmsh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.appliance.persist.PersistTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show} and {@code delete ltm persistence persist-records} with BIG-IP's filters, on records
 * imported as a standby receives them; the layout matches the golden written from F5's documented
 * output (a {@code Sys::Persistent Connections} title, one line per record: mode, key, virtual,
 * member, tmm; then {@code Total records returned}).
 */
class PersistRecordsCommandTest {

    private static final Path GOLDEN = Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/golden/show/persist-records.txt");

    @TempDir
    Path dir;

    private CoreFixture core;
    private PersistTable table;

    @BeforeEach
    void start() {
        core = CoreFixture.open(dir);
        table = core.appliance().dataPlane().persistence();
        assertThat(table.importRecords(List.of(
                record(PersistMode.SOURCE_ADDRESS, "10.1.1.1", "/Common/vs", "10.1.10.100:80", "10.1.20.11"),
                record(PersistMode.SOURCE_ADDRESS, "10.1.1.2", "/Common/vs", "10.1.10.100:80", "10.1.20.12"),
                record(PersistMode.DESTINATION_ADDRESS, "10.1.10.200", "/Common/other_vs", "10.1.10.200:80",
                        "10.1.20.12")))).isEqualTo(3);
    }

    @AfterEach
    void stop() {
        core.close();
    }

    private static PersistRecord record(PersistMode mode, String key, String virtual, String destination,
            String node) {
        String client = mode == PersistMode.SOURCE_ADDRESS ? key : "10.1.1.9";
        return new PersistRecord(mode, key, virtual + " /Common/web", virtual, destination, "/Common/web",
                "/Common/" + node + ":80", node, 80, client, 5, 180);
    }

    @Test
    void showListsEveryRecordAsBigIpDoes() throws IOException {
        assertThat(core.tmsh("show ltm persistence persist-records"))
                .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void showFiltersByVirtualPoolNodeClientAndMode() {
        assertThat(core.tmsh("show ltm persistence persist-records virtual vs")).contains("10.1.1.1", "10.1.1.2")
                .doesNotContain("10.1.10.200  ").endsWith("Total records returned: 2\n");
        assertThat(core.tmsh("show ltm persistence persist-records node-addr 10.1.20.12 pool /Common/web"))
                .endsWith("Total records returned: 2\n");
        assertThat(core.tmsh("show ltm persistence persist-records client-addr 10.1.1.1"))
                .contains("source-address  10.1.1.1  ").endsWith("Total records returned: 1\n");
        assertThat(core.tmsh("show ltm persistence persist-records mode destination-address"))
                .endsWith("Total records returned: 1\n");
    }

    @Test
    void deleteRemovesOnlyTheMatchingRecords() {
        core.tmsh("delete ltm persistence persist-records client-addr 10.1.1.1");
        assertThat(table.list()).extracting(PersistRecord::key).containsExactly("10.1.10.200", "10.1.1.2");
        core.tmsh("delete ltm persistence persist-records");
        assertThat(core.tmsh("show ltm persistence persist-records"))
                .isEqualTo("Sys::Persistent Connections\nTotal records returned: 0\n");
    }

    @Test
    void badFiltersAreRefusedNamingTheFilterAndValue() {
        assertThat(core.tmshError("show ltm persistence persist-records client-addr nowhere"))
                .isEqualTo("Syntax Error: client-addr \"nowhere\" is not an IP address");
        assertThat(core.tmshError("show ltm persistence persist-records colour blue"))
                .startsWith("Syntax Error: \"colour\" unknown property");
        assertThat(core.tmshError("delete ltm persistence persist-records mode sticky"))
                .startsWith("Syntax Error: \"sticky\" invalid mode");
        assertThat(core.tmshError("show ltm persistence persist-records node-port"))
                .isEqualTo("Syntax Error: \"node-port\" requires a value");
        assertThat(table.size()).isEqualTo(3);
    }
}
