package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition's root folder over {@code /mgmt/tm/sys/folder}, as f5-ansible's {@code bigip_partition}
 * drives it: created with the partition, its own description patched, listed with {@code /} and
 * {@code /Common} in F5's collection shape (golden file), and gone with the partition, which is refused
 * while it holds objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionFoldersOverRestTest {

    private final TestClock clock = new TestClock();
    private MgmtFixture box;
    private MgmtClient admin;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        box = MgmtFixture.start(dataDir, clock);
        admin = box.admin();
    }

    @AfterAll
    void stop() {
        box.close();
    }

    @Test
    void aPartitionsRootFolderIsListedReadAndPatchedInF5sShape() throws Exception {
        assertThat(admin.post("/mgmt/tm/auth/partition", "{\"name\":\"Tenant1\",\"description\":\"tenant\"}").status())
                .isEqualTo(200);

        Answer folder = admin.get("/mgmt/tm/sys/folder/~Tenant1");
        assertThat(folder.status()).isEqualTo(200);
        assertThat(folder.body().path("fullPath").asText()).isEqualTo("/Tenant1");
        assertThat(folder.body().has("description")).as("no description until one is set").isFalse();

        assertThat(admin.patch("/mgmt/tm/sys/folder/~Tenant1", "{\"description\":\"tenant root\"}").status())
                .isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/sys/folder/~Tenant1").body().path("description").asText())
                .isEqualTo("tenant root");
        assertThat(admin.get("/mgmt/tm/auth/partition/Tenant1").body().path("description").asText())
                .isEqualTo("tenant");

        JsonNode golden = golden("golden/sys-folder-collection.json");
        JsonNode listed = admin.get("/mgmt/tm/sys/folder").body();
        assertThat(listed.path("kind").asText()).isEqualTo(golden.path("kind").asText());
        for (JsonNode expected : golden.path("items")) {
            JsonNode item = item(listed, expected.path("fullPath").asText());
            assertThat(item).as(expected.path("fullPath").asText()).isNotNull();
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String actual = field.getKey().equals("selfLink")
                        ? URI.create(item.path("selfLink").asText()).getPath()
                        : item.path(field.getKey()).asText();
                assertThat(actual).as(expected.path("fullPath").asText() + " " + field.getKey())
                        .isEqualTo(field.getValue().asText());
            }
            for (String absent : new String[] {"partition", "subPath"}) {
                if (!expected.has(absent)) {
                    assertThat(item.has(absent)).as(expected.path("fullPath").asText() + " " + absent).isFalse();
                }
            }
        }
        assertThat(admin.get("/mgmt/tm/sys/folder/~").body().path("name").asText()).isEqualTo("/");
    }

    @Test
    void aPartitionThatHoldsObjectsIsNotDeletedAndAnEmptyOneTakesItsFolderWithIt() {
        admin.post("/mgmt/tm/auth/partition", "{\"name\":\"Tenant3\"}");
        assertThat(admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"p3\",\"partition\":\"Tenant3\"}").status()).isEqualTo(200);

        Answer refused = admin.delete("/mgmt/tm/auth/partition/Tenant3");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("Tenant3").contains("/Tenant3/p3");
        assertThat(admin.get("/mgmt/tm/sys/folder/~Tenant3").status()).isEqualTo(200);

        assertThat(admin.delete("/mgmt/tm/ltm/pool/~Tenant3~p3").status()).isEqualTo(200);
        assertThat(admin.delete("/mgmt/tm/auth/partition/Tenant3").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/sys/folder/~Tenant3").status()).isEqualTo(404);
    }

    @Test
    void aFolderPostedAtTheRootIsAPartition() {
        assertThat(admin.post("/mgmt/tm/sys/folder", "{\"name\":\"Tenant4\",\"subPath\":\"/\"}").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/auth/partition/Tenant4").status()).isEqualTo(200);
        assertThat(admin.delete("/mgmt/tm/sys/folder/~Tenant4").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/auth/partition/Tenant4").status()).isEqualTo(404);
    }

    private static JsonNode item(JsonNode collection, String fullPath) {
        for (JsonNode item : collection.path("items")) {
            if (item.path("fullPath").asText().equals(fullPath)) {
                return item;
            }
        }
        return null;
    }

    private static JsonNode golden(String resource) throws Exception {
        try (InputStream in = PartitionFoldersOverRestTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
