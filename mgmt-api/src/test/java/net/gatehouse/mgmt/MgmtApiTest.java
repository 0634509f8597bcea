package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management API over real HTTPS on loopback against a real appliance: login and tokens,
 * collections and their query options, errors in BIG-IP's shape, PUT versus PATCH, subcollections.
 * One appliance serves the whole class; each test uses names of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MgmtApiTest {

    private final TestClock clock = new TestClock();
    private MgmtFixture box;
    private MgmtClient client;
    private MgmtClient admin;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        box = MgmtFixture.start(dataDir, clock);
        client = box.client();
        admin = client.withBasic("admin", "admin");
    }

    @AfterAll
    void stop() {
        box.close();
    }

    private String login() {
        Answer answer = client.anonymous().post("/mgmt/shared/authn/login",
                "{\"username\":\"admin\",\"password\":\"admin\",\"loginProviderName\":\"tmos\"}");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().path("token").path("token").asText();
    }

    @Test
    void loginReturnsATokenThatAuthenticatesLaterCalls() {
        Answer answer = client.anonymous().post("/mgmt/shared/authn/login",
                "{\"username\":\"admin\",\"password\":\"admin\",\"loginProviderName\":\"tmos\"}");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode token = answer.body().path("token");
        assertThat(token.path("token").asText()).isNotBlank();
        assertThat(token.path("timeout").asInt()).isEqualTo(1200);
        assertThat(token.path("userName").asText()).isEqualTo("admin");
        assertThat(client.withToken(token.path("token").asText()).get("/mgmt/tm/ltm/pool").status()).isEqualTo(200);
        assertThat(box.server().defaultPasswordInUse()).as("admin/admin should be changed").isTrue();
    }

    @Test
    void wrongPasswordAndMissingCredentialsAreRefusedWith401() {
        Answer login = client.anonymous().post("/mgmt/shared/authn/login",
                "{\"username\":\"admin\",\"password\":\"guess\"}");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.body().path("code").asInt()).isEqualTo(401);

        assertThat(client.anonymous().get("/mgmt/tm/ltm/pool").status()).isEqualTo(401);
        assertThat(client.withBasic("admin", "guess").get("/mgmt/tm/ltm/pool").status()).isEqualTo(401);
        assertThat(client.withToken("NOSUCHTOKEN").get("/mgmt/tm/ltm/pool").status()).isEqualTo(401);
    }

    @Test
    void tokenExpiresAfterItsTimeoutUnlessGivenANewOne() {
        String shortLived = login();
        String extended = login();
        Answer patched = client.withToken(extended).patch("/mgmt/shared/authz/tokens/" + extended,
                "{\"timeout\": 3600}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().path("timeout").asInt()).isEqualTo(3600);

        clock.advance(Duration.ofSeconds(1200));

        assertThat(client.withToken(shortLived).get("/mgmt/tm/sys").status()).isEqualTo(401);
        assertThat(client.withToken(extended).get("/mgmt/tm/sys").status()).isEqualTo(200);
        assertThat(client.withToken(extended).get("/mgmt/shared/authz/tokens/" + extended).body()
                .path("timeout").asInt()).isEqualTo(3600);
    }

    @Test
    void deletedTokenNoLongerAuthenticates() {
        String token = login();

        assertThat(client.withToken(token).delete("/mgmt/shared/authz/tokens/" + token).status()).isEqualTo(200);

        assertThat(client.withToken(token).get("/mgmt/tm/sys").status()).isEqualTo(401);
    }

    @Test
    void tokenTimeoutBeyondBigIpsLimitIsRefused() {
        String token = login();

        Answer answer = client.withToken(token).patch("/mgmt/shared/authz/tokens/" + token, "{\"timeout\": 36001}");

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void collectionsPageWithTopAndSkip() {
        for (int i = 1; i <= 5; i++) {
            assertThat(admin.post("/mgmt/tm/ltm/node", "{\"name\":\"page" + i + "\",\"address\":\"10.9.0." + i
                    + "\"}").status()).isEqualTo(200);
        }
        List<String> all = names(admin.get("/mgmt/tm/ltm/node?$select=name").body());
        int start = all.indexOf("page1");

        Answer page = admin.get("/mgmt/tm/ltm/node?$top=2&$skip=" + (start + 2));

        assertThat(names(page.body())).containsExactly("page3", "page4");
        assertThat(page.body().path("totalItems").asInt()).isEqualTo(all.size());
        assertThat(page.body().path("currentItemCount").asInt()).isEqualTo(2);
        assertThat(page.body().path("nextLink").asText()).contains("$skip=" + (start + 4));
    }

    @Test
    void filterKeepsOnePartitionAndSelectKeepsNamedFields() {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"filtered\",\"partition\":\"Common\"}");

        Answer common = admin.get("/mgmt/tm/ltm/pool?$filter=partition%20eq%20Common&$select=name,partition");
        Answer other = admin.get("/mgmt/tm/ltm/pool?$filter=partition+eq+Other");

        assertThat(names(common.body())).contains("filtered");
        for (JsonNode item : common.body().path("items")) {
            assertThat(item.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactlyInAnyOrder("name", "partition");
        }
        assertThat(other.body().path("items")).isEmpty();
        assertThat(admin.get("/mgmt/tm/ltm/pool?$filter=name%20eq%20x").status()).isEqualTo(400);
    }

    @Test
    void missingObjectIs404InBigIpsShape() {
        Answer answer = admin.get("/mgmt/tm/ltm/pool/~Common~p_missing");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().toString()).isEqualTo("{\"code\":404,\"message\":\"01020036:3: The requested Pool"
                + " (/Common/p_missing) was not found.\",\"errorStack\":[],\"apiError\":3}");
    }

    @Test
    void creatingAnExistingObjectIs409() {
        assertThat(admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"twice\"}").status()).isEqualTo(200);

        Answer again = admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"twice\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("message").asText())
                .isEqualTo("01020066:3: The requested Pool (/Common/twice) already exists in partition Common.");
    }

    @Test
    void invalidValuesUnknownPropertiesAndBadJsonAre400WithTheSchemasMessage() {
        Answer badValue = admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"bad1\",\"loadBalancingMode\":\"fastest\"}");
        Answer unknown = admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"bad2\",\"colour\":\"blue\"}");
        Answer malformed = admin.post("/mgmt/tm/ltm/pool", "{\"name\":");
        Answer unregistered = admin.get("/mgmt/tm/ltm/teapot");

        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.body().path("message").asText()).startsWith("01070734:3: Configuration error:")
                .contains("loadBalancingMode", "fastest");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("message").asText()).contains("\"colour\"");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().path("code").asInt()).isEqualTo(400);
        assertThat(unregistered.status()).isEqualTo(400);
        assertThat(unregistered.body().path("message").asText()).contains("/mgmt/tm/ltm/teapot not registered");
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~bad1").status()).as("nothing was created").isEqualTo(404);
    }

    @Test
    void extensionsThatAreNotInstalledAnswer404AsOnABoxWithoutThem() {
        Answer as3 = admin.get("/mgmt/shared/appsvcs/info");
        Answer declare = admin.post("/mgmt/shared/appsvcs/declare", "{\"class\":\"AS3\"}");

        assertThat(as3.status()).isEqualTo(404);
        assertThat(as3.body().path("message").asText()).isEqualTo("Public URI path not registered: /shared/appsvcs/info");
        assertThat(declare.status()).isEqualTo(404);
    }

    @Test
    void patchChangesOnlyTheGivenPropertiesAndPutReplacesTheWholeObject() {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"edited\",\"description\":\"first\",\"slowRampTime\":20}");

        JsonNode patched = admin.patch("/mgmt/tm/ltm/pool/~Common~edited", "{\"description\":\"second\"}").body();
        assertThat(patched.path("description").asText()).isEqualTo("second");
        assertThat(patched.path("slowRampTime").asInt()).isEqualTo(20);

        JsonNode put = admin.put("/mgmt/tm/ltm/pool/~Common~edited", "{\"description\":\"third\"}").body();
        assertThat(put.path("description").asText()).isEqualTo("third");
        assertThat(put.path("slowRampTime").asInt()).as("back to BIG-IP's default").isEqualTo(10);
        assertThat(put.path("generation").asLong()).isGreaterThan(patched.path("generation").asLong());

        assertThat(admin.put("/mgmt/tm/ltm/pool/~Common~never", "{}").status()).isEqualTo(404);
        assertThat(admin.patch("/mgmt/tm/ltm/pool/~Common~never", "{}").status()).isEqualTo(404);
    }

    @Test
    void poolMembersAreASubcollection() {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"members_pool\"}");

        Answer added = admin.post("/mgmt/tm/ltm/pool/~Common~members_pool/members",
                "{\"name\":\"10.7.0.1:80\",\"partition\":\"Common\",\"ratio\":3}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body().path("kind").asText()).isEqualTo("tm:ltm:pool:members:membersstate");
        assertThat(added.body().path("fullPath").asText()).isEqualTo("/Common/10.7.0.1:80");
        assertThat(admin.post("/mgmt/tm/ltm/pool/~Common~members_pool/members",
                "{\"name\":\"10.7.0.1:80\"}").status()).isEqualTo(409);

        String item = "/mgmt/tm/ltm/pool/~Common~members_pool/members/~Common~10.7.0.1:80";
        assertThat(admin.patch(item, "{\"priorityGroup\":5}").body().path("ratio").asInt()).isEqualTo(3);
        assertThat(admin.put(item, "{\"priorityGroup\":6}").body().path("ratio").asInt()).isEqualTo(1);

        Answer listed = admin.get("/mgmt/tm/ltm/pool/~Common~members_pool/members");
        assertThat(listed.body().path("kind").asText()).isEqualTo("tm:ltm:pool:members:memberscollectionstate");
        assertThat(names(listed.body())).containsExactly("10.7.0.1:80");
        JsonNode expanded = admin.get("/mgmt/tm/ltm/pool/~Common~members_pool?expandSubcollections=true").body();
        assertThat(expanded.path("membersReference").path("items").get(0).path("priorityGroup").asInt()).isEqualTo(6);

        assertThat(admin.delete(item).status()).isEqualTo(200);
        assertThat(admin.get(item).status()).isEqualTo(404);
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~members_pool/members").body().path("items")).isEmpty();
    }

    @Test
    void virtualServerTakesProtocolNumbersProfilesAndMetadata() {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"vs_pool\"}");
        Answer created = admin.post("/mgmt/tm/ltm/virtual", "{\"name\":\"vs1\",\"partition\":\"Common\","
                + "\"destination\":\"/Common/10.8.0.1:80\",\"ipProtocol\":6,\"pool\":\"/Common/vs_pool\","
                + "\"profiles\":[{\"name\":\"tcp\",\"context\":\"all\"},{\"name\":\"http\",\"context\":\"all\"}],"
                + "\"sourceAddressTranslation\":{\"type\":\"automap\"},"
                + "\"metadata\":[{\"name\":\"owner\",\"value\":\"web-team\",\"persist\":\"true\"}]}");
        assertThat(created.status()).isEqualTo(200);

        JsonNode read = admin.get("/mgmt/tm/ltm/virtual/~Common~vs1?expandSubcollections=true").body();

        assertThat(read.path("ipProtocol").asText()).isEqualTo("tcp");
        assertThat(read.path("metadata").get(0).path("value").asText()).isEqualTo("web-team");
        assertThat(read.path("selfLink").asText())
                .isEqualTo("https://localhost/mgmt/tm/ltm/virtual/~Common~vs1?ver=15.1.0");
        assertThat(names(read.path("profilesReference"))).containsExactly("http", "tcp");
        assertThat(names(admin.get("/mgmt/tm/ltm/virtual/~Common~vs1/profiles").body()))
                .containsExactly("http", "tcp");
    }

    @Test
    void systemResourcesNameTheVersionAndTheProvisionedModules() {
        assertThat(admin.get("/mgmt/tm/sys/").body().path("selfLink").asText()).endsWith("?ver=15.1.0");
        assertThat(admin.get("/mgmt/tm/sys/version").body().toString()).contains("\"Version\":{\"description\":\"15.1.0\"}");
        JsonNode provision = admin.get("/mgmt/tm/sys/provision").body();
        List<String> provisioned = new ArrayList<>();
        provision.path("items").forEach(i -> {
            if (!i.path("level").asText().equals("none")) {
                provisioned.add(i.path("name").asText());
            }
        });
        assertThat(provisioned).containsExactly("ltm");
        assertThat(admin.get("/mgmt/tm/cm/device").body().path("items").get(0).path("selfDevice").asText())
                .isEqualTo("true");
        assertThat(names(admin.get("/mgmt/tm/net/tunnels/gre").body())).isEmpty();
        assertThat(admin.get("/mgmt/tm/sys/available").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/cm/sync-status").body().toString())
                .contains("\"status\":{\"description\":\"Standalone\"}");
        assertThat(names(admin.get("/mgmt/tm/sys/software/volume").body())).containsExactly("HD1.1");
    }

    @Test
    void provisioningKeepsLtmNominalAndRefusesEveryOtherLevelOrModule() {
        assertThat(admin.get("/mgmt/tm/sys/provision/ltm").body().path("level").asText()).isEqualTo("nominal");
        assertThat(admin.patch("/mgmt/tm/sys/provision/ltm", "{\"level\":\"nominal\"}").status()).isEqualTo(200);

        Answer dedicated = admin.patch("/mgmt/tm/sys/provision/ltm", "{\"level\":\"dedicated\"}");
        Answer asm = admin.patch("/mgmt/tm/sys/provision/asm", "{\"level\":\"nominal\"}");

        assertThat(dedicated.status()).isEqualTo(400);
        assertThat(dedicated.body().path("message").asText()).contains("ltm", "dedicated");
        assertThat(asm.status()).isEqualTo(400);
        assertThat(asm.body().path("message").asText()).contains("asm");
        assertThat(admin.get("/mgmt/tm/sys/provision/ltm").body().path("level").asText()).isEqualTo("nominal");
    }

    @Test
    void aPackageQueryFinishesAtOnceWithNoPackagesAndAnInstallIsRefused() {
        Answer query = admin.post("/mgmt/shared/iapp/package-management-tasks", "{\"operation\":\"QUERY\"}");
        Answer polled = admin.get("/mgmt/shared/iapp/package-management-tasks/" + query.body().path("id").asText());
        Answer install = admin.post("/mgmt/shared/iapp/package-management-tasks",
                "{\"operation\":\"INSTALL\",\"packageFilePath\":\"/var/config/rest/downloads/as3.rpm\"}");

        assertThat(polled.status()).isEqualTo(200);
        assertThat(polled.body().path("status").asText()).isEqualTo("FINISHED");
        assertThat(polled.body().path("queryResponse").size()).isZero();
        assertThat(install.status()).isEqualTo(400);
        assertThat(install.body().path("message").asText()).contains("INSTALL");
        assertThat(admin.get("/mgmt/shared/iapp/package-management-tasks/unknown").status()).isEqualTo(404);
    }

    @Test
    void policyRulesAreASubcollectionWithActionsAndConditionsBelowThem() {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"api_pool\"}");
        admin.post("/mgmt/tm/ltm/policy", "{\"name\":\"routing\",\"subPath\":\"Drafts\",\"strategy\":\"first-match\","
                + "\"requires\":[\"http\"],\"controls\":[\"forwarding\"]}");

        Answer created = admin.post("/mgmt/tm/ltm/policy/~Common~Drafts~routing/rules/", "{\"name\":\"to_api\","
                + "\"conditions\":[{\"name\":\"0\",\"httpUri\":true,\"path\":true,\"startsWith\":true,"
                + "\"values\":[\"/api\"]}],\"actions\":[{\"name\":\"0\",\"forward\":true,\"select\":true,"
                + "\"pool\":\"/Common/api_pool\"}]}");
        JsonNode rule = admin.get("/mgmt/tm/ltm/policy/~Common~Drafts~routing/rules/to_api?expandSubcollections=true")
                .body();

        assertThat(created.status()).isEqualTo(200);
        assertThat(rule.path("kind").asText()).isEqualTo("tm:ltm:policy:rules:rulesstate");
        assertThat(rule.path("actionsReference").path("items").get(0).path("kind").asText())
                .isEqualTo("tm:ltm:policy:rules:actions:actionsstate");
        assertThat(rule.path("actionsReference").path("items").get(0).path("pool").asText()).isEqualTo("/Common/api_pool");
        assertThat(rule.path("conditionsReference").path("items").get(0).path("values").get(0).asText())
                .isEqualTo("/api");
        assertThat(names(admin.get("/mgmt/tm/ltm/policy/~Common~Drafts~routing/rules").body()))
                .containsExactly("to_api");
    }

    private static List<String> names(JsonNode collection) {
        List<String> names = new ArrayList<>();
        collection.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}
