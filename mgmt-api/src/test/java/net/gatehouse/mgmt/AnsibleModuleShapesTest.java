package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST shapes and calls F5's Ansible modules depend on, each found by running the module against
 * Gatehouse (docs/ansible.md): a SNAT translation's idle timeouts as strings ({@code
 * bigip_snat_translation} compares {@code "300"}), a VLAN's statistics ({@code bigip_device_info}
 * reads its tag and true MAC from them), a virtual without SNAT ({@code bigip_virtual_server} compares its
 * {@code type}), users filtered by a quoted partition ({@code bigip_user}), a user's partition access
 * linked to its partition ({@code bigip_device_info}) and a policy's draft published and made again
 * over REST ({@code bigip_policy}, {@code bigip_policy_rule}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnsibleModuleShapesTest {

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
    void aVirtualWithoutSnatShowsTypeNone() {
        assertThat(admin.post("/mgmt/tm/ltm/virtual", "{\"name\":\"no_snat\",\"destination\":\"10.9.9.9:53\","
                + "\"ipProtocol\":\"udp\",\"profiles\":[\"udp\"],\"sourceAddressTranslation\":{\"type\":\"none\"}}")
                .status()).isEqualTo(200);
        JsonNode translation = admin.get("/mgmt/tm/ltm/virtual/~Common~no_snat").body().path("sourceAddressTranslation");
        assertThat(translation.path("type").asText()).isEqualTo("none");
        assertThat(translation.has("pool")).isFalse();
    }

    @Test
    void aSnatTranslationShowsItsIdleTimeoutsAsStringsAsBigipSendsThem() {
        assertThat(admin.post("/mgmt/tm/ltm/snat-translation", "{\"name\":\"st1\",\"partition\":\"Common\","
                + "\"address\":\"10.9.9.7\",\"arp\":\"enabled\",\"tcpIdleTimeout\":\"300\","
                + "\"udpIdleTimeout\":\"indefinite\",\"connectionLimit\":100}").status()).isEqualTo(200);
        JsonNode translation = admin.get("/mgmt/tm/ltm/snat-translation/~Common~st1").body();
        assertThat(translation.path("tcpIdleTimeout").isTextual()).isTrue();
        assertThat(translation.path("tcpIdleTimeout").asText()).isEqualTo("300");
        assertThat(translation.path("udpIdleTimeout").asText()).isEqualTo("indefinite");
        assertThat(translation.path("ipIdleTimeout").asText()).isEqualTo("indefinite");
        assertThat(translation.path("enabled").asBoolean()).isTrue();

        Answer refused = admin.patch("/mgmt/tm/ltm/snat-translation/~Common~st1", "{\"ipIdleTimeout\":\"forever\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("ipIdleTimeout", "forever", "indefinite");
    }

    @Test
    void aVlansStatisticsAnswerInBigipsShapeWithItsTagAndZeroTrafficCounters() throws Exception {
        assertThat(admin.post("/mgmt/tm/net/vlan", "{\"name\":\"vlan10\",\"tag\":10}").status()).isEqualTo(200);

        JsonNode stats = admin.get("/mgmt/tm/net/vlan/~Common~vlan10/stats").body();

        assertThat(stats).isEqualTo(golden("golden/vlan-stats.json"));
        assertThat(admin.get("/mgmt/tm/net/vlan/~Common~nope/stats").status()).isEqualTo(404);
    }

    @Test
    void anAddressDataGroupKeepsItsRecordNamesWhole() {
        assertThat(admin.post("/mgmt/tm/ltm/data-group/internal", "{\"name\":\"nets\",\"type\":\"ip\","
                + "\"records\":[{\"name\":\"10.0.0.0/8\",\"data\":\"private\"},{\"name\":\"192.168.1.1/32\"}]}")
                .status()).isEqualTo(200);
        JsonNode records = admin.get("/mgmt/tm/ltm/data-group/internal/~Common~nets").body().path("records");
        assertThat(records.findValuesAsText("name")).containsExactly("10.0.0.0/8", "192.168.1.1/32");
        assertThat(records.get(0).path("data").asText()).isEqualTo("private");
    }

    @Test
    void usersFilterByAQuotedPartitionAndLinkTheirPartitionAccess() {
        assertThat(admin.post("/mgmt/tm/auth/user", "{\"name\":\"ops1\",\"password\":\"Sup3r-Secret!\","
                + "\"partitionAccess\":[{\"name\":\"all-partitions\",\"role\":\"operator\"}]}").status()).isEqualTo(200);

        JsonNode quoted = admin.get("/mgmt/tm/auth/user?$filter=partition+eq+'Common'").body();
        assertThat(quoted.path("items").findValuesAsText("name")).contains("admin", "ops1");
        JsonNode access = admin.get("/mgmt/tm/auth/user/ops1").body().path("partitionAccess").get(0);
        assertThat(access.path("name").asText()).isEqualTo("all-partitions");
        assertThat(access.path("nameReference").path("link").asText())
                .startsWith("https://localhost/mgmt/tm/auth/partition/all-partitions?ver=");
    }

    @Test
    void aDraftPolicyIsPublishedByPostingThePublishCommand() {
        assertThat(admin.post("/mgmt/tm/ltm/policy", "{\"name\":\"pub1\",\"subPath\":\"Drafts\",\"strategy\":\"first-match\"}")
                .status()).isEqualTo(200);
        Answer published = admin.post("/mgmt/tm/ltm/policy",
                "{\"name\":\"/Common/Drafts/pub1\",\"command\":\"publish\"}");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().path("fullPath").asText()).isEqualTo("/Common/pub1");
        assertThat(admin.get("/mgmt/tm/ltm/policy/~Common~pub1").body().path("status").asText()).isEqualTo("published");
        assertThat(admin.get("/mgmt/tm/ltm/policy/~Common~Drafts~pub1").status()).isEqualTo(404);

        Answer again = admin.post("/mgmt/tm/ltm/policy", "{\"name\":\"/Common/pub1\",\"command\":\"publish\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("message").asText()).contains("is not a draft");

        Answer drafted = admin.patch("/mgmt/tm/ltm/policy/~Common~pub1", "{\"createDraft\":true}");
        assertThat(drafted.status()).isEqualTo(200);
        assertThat(drafted.body().path("fullPath").asText()).isEqualTo("/Common/Drafts/pub1");
        assertThat(admin.get("/mgmt/tm/ltm/policy/~Common~Drafts~pub1").body().path("status").asText()).isEqualTo("draft");
        assertThat(admin.get("/mgmt/tm/ltm/policy/~Common~pub1").status()).isEqualTo(200);
    }

    private static JsonNode golden(String resource) throws IOException {
        try (InputStream in = AnsibleModuleShapesTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
