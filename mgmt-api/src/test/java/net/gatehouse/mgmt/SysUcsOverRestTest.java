package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /mgmt/tm/sys/ucs} as f5-ansible's {@code bigip_ucs} and {@code bigip_ucs_fetch} drive it: save
 * with a passphrase, list (F5's collection shape, golden file), load, and delete through util/bash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SysUcsOverRestTest {

    private final TestClock clock = new TestClock();
    private Path dataDir;
    private MgmtFixture box;
    private MgmtClient admin;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        this.dataDir = dataDir;
        box = MgmtFixture.start(dataDir, clock);
        admin = box.admin();
    }

    @AfterAll
    void stop() {
        box.close();
    }

    @Test
    void anArchiveIsSavedListedInF5sShapeLoadedAndDeleted() throws Exception {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"before_ucs\"}");
        Answer saved = admin.post("/mgmt/tm/sys/ucs",
                "{\"command\":\"save\",\"name\":\"rest-backup.ucs\",\"options\":[{\"passphrase\":\"s3cret\"}]}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("kind").asText()).isEqualTo("tm:sys:ucs:savestate");
        assertThat(saved.body().toString()).doesNotContain("s3cret");
        assertThat(Files.isRegularFile(dataDir.resolve("ucs/rest-backup.ucs"))).isTrue();

        JsonNode golden = golden("golden/sys-ucs-collection.json");
        Answer listed = admin.get("/mgmt/tm/sys/ucs");
        assertThat(listed.body().path("kind").asText()).isEqualTo(golden.path("kind").asText());
        JsonNode item = listed.body().path("items").get(0);
        JsonNode goldenItem = golden.path("items").get(0);
        assertThat(item.path("kind").asText()).isEqualTo(goldenItem.path("kind").asText());
        assertThat(names(item.path("apiRawValues"))).isEqualTo(names(goldenItem.path("apiRawValues")));
        assertThat(item.path("apiRawValues").path("filename").asText()).isEqualTo("/var/local/ucs/rest-backup.ucs");
        assertThat(item.path("apiRawValues").path("encrypted").asText()).isEqualTo("yes");
        assertThat(item.path("apiRawValues").path("file_size").asText()).matches("\\d+ \\(in bytes\\)");

        admin.delete("/mgmt/tm/ltm/pool/~Common~before_ucs");
        Answer wrong = admin.post("/mgmt/tm/sys/ucs",
                "{\"command\":\"load\",\"name\":\"/var/local/ucs/rest-backup.ucs\",\"options\":[{\"passphrase\":\"nope\"}]}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().path("message").asText()).contains("The passphrase is incorrect");
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~before_ucs").status()).isEqualTo(404);

        Answer loaded = admin.post("/mgmt/tm/sys/ucs", "{\"command\":\"load\",\"name\":\"/var/local/ucs/rest-backup.ucs\","
                + "\"options\":[{\"passphrase\":\"s3cret\"},{\"no-license\":\"\"}]}");
        assertThat(loaded.status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~before_ucs").status()).isEqualTo(200);

        Answer deleted = admin.post("/mgmt/tm/util/bash",
                "{\"command\":\"run\",\"utilCmdArgs\":\"-c \\\"tmsh delete sys ucs rest-backup.ucs\\\"\"}");
        assertThat(deleted.body().path("commandResult").asText()).contains("rest-backup.ucs is deleted");
        assertThat(admin.get("/mgmt/tm/sys/ucs").body().path("items")).isEmpty();
    }

    @Test
    void onlyAnAdministratorHandlesArchives() {
        admin.post("/mgmt/tm/auth/user", "{\"name\":\"ops\",\"password\":\"Op3rator-pass!\","
                + "\"partitionAccess\":[{\"name\":\"all-partitions\",\"role\":\"operator\"}]}");
        MgmtClient operator = box.client()
                .withBasic("ops", "Op3rator-pass!");
        Answer refused = operator.post("/mgmt/tm/sys/ucs", "{\"command\":\"save\",\"name\":\"ops.ucs\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("message").asText()).contains("Access Denied");
        assertThat(Files.exists(dataDir.resolve("ucs/ops.ucs"))).isFalse();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode golden(String resource) throws Exception {
        try (InputStream in = SysUcsOverRestTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
