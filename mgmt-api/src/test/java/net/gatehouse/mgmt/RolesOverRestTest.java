package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.auth.RoleMatrix;
import net.gatehouse.appliance.auth.RoleMatrix.Operation;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Roles over real HTTPS: the same role × operation matrix as the shell, refusals as 403 in BIG-IP's
 * error shape, lockout through the login, REST changes in the audit log in tmsh words, tokens revoked
 * when an account changes, and passwords in no answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesOverRestTest {

    private CoreFixture core;
    private MgmtServer server;
    private MgmtClient client;

    @BeforeAll
    void start(@TempDir Path dir) {
        core = CoreFixture.open(dir);
        RoleMatrix.seed(core);
        server = MgmtServer.start(core.appliance(), dir, new InetSocketAddress("127.0.0.1", 0), CoreFixture.CLOCK);
        client = MgmtClient.trusting(MgmtClient.deviceCertificate(core.appliance()), server.port());
    }

    @AfterAll
    void stop() {
        server.close();
        core.close();
    }

    Iterable<String> roles() {
        return RoleMatrix.EXPECTED.keySet().stream().filter(r -> !r.equals("no-access")).toList();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleMayDoOverRestWhatBigIpAllowsIt(String role) {
        assertThat(RoleMatrix.outcome(role, this::attempt)).as(role).isEqualTo(RoleMatrix.EXPECTED.get(role));
    }

    @Test
    void aNoAccessUserCannotEvenLogIn() {
        String user = RoleMatrix.user("no-access");
        assertThat(client.withBasic(user, RoleMatrix.PASSWORD).get("/mgmt/tm/sys/global-settings").status()).isEqualTo(401);
        assertThat(client.anonymous().post("/mgmt/shared/authn/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + RoleMatrix.PASSWORD + "\"}").status()).isEqualTo(401);
    }

    @Test
    void aRefusalIs403InBigIpErrorShapeAndLandsInTheAuditLog() {
        Answer answer = client.withBasic(RoleMatrix.user("guest"), RoleMatrix.PASSWORD)
                .post("/mgmt/tm/ltm/pool", "{\"name\":\"/Dev/sneaky\"}");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().path("code").asInt()).isEqualTo(403);
        assertThat(answer.body().path("message").asText())
                .isEqualTo("01070822:3: Access Denied: user (u_guest) does not have create access to object (pool)");
        assertThat(answer.body().has("errorStack")).isTrue();
        assertThat(core.tmsh("show sys log audit")).contains("notice icrd_child[").contains(
                "user=u_guest folder=/Common module=(tmos)# status=[01070822:3: Access Denied: user (u_guest) does not have"
                        + " create access to object (pool)] cmd_data=create ltm pool /Dev/sneaky");
    }

    @Test
    void restChangesAppearInTheAuditLogAsTmsh() {
        MgmtClient admin = client.withBasic("admin", "admin");
        assertThat(admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"audited\",\"description\":\"via rest\"}").status())
                .isEqualTo(200);

        Answer log = admin.get("/mgmt/tm/sys/log/audit/stats");

        assertThat(log.status()).isEqualTo(200);
        assertThat(log.body().path("kind").asText()).isEqualTo("tm:sys:log:audit:auditstats");
        assertThat(log.body().path("apiRawValues").path("apiAnonymous").asText()).contains(
                "notice icrd_child[").contains("user=admin folder=/Common module=(tmos)# status=[Command OK]"
                + " cmd_data=create ltm pool /Common/audited { description \"via rest\" }");
        assertThat(client.withBasic(RoleMatrix.user("guest"), RoleMatrix.PASSWORD).get("/mgmt/tm/sys/log/audit/stats")
                .status()).isEqualTo(403);
    }

    @Test
    void repeatedFailedLoginsLockTheAccountUntilAnAdministratorResetsIt() {
        core.tmsh("create auth user locky password Locky-pass1 partition-access add { all-partitions { role guest } }");
        core.tmsh("modify auth password-policy max-login-failures 2");
        try {
            String good = "{\"username\":\"locky\",\"password\":\"Locky-pass1\"}";
            String bad = "{\"username\":\"locky\",\"password\":\"nope\"}";
            client.anonymous().post("/mgmt/shared/authn/login", bad);
            client.anonymous().post("/mgmt/shared/authn/login", bad);

            assertThat(client.anonymous().post("/mgmt/shared/authn/login", good).status()).isEqualTo(401);
            assertThat(core.tmsh("show auth login-failures")).containsPattern("locky +2 +yes");

            core.tmsh("reset-stats auth login-failures locky");

            assertThat(client.anonymous().post("/mgmt/shared/authn/login", good).status()).isEqualTo(200);
        } finally {
            core.tmsh("modify auth password-policy max-login-failures 0");
        }
    }

    @Test
    void changingAPasswordRevokesTheUsersTokens() {
        core.tmsh("create auth user tok password Tok-pass12 partition-access add { all-partitions { role guest } }");
        String token = client.anonymous().post("/mgmt/shared/authn/login",
                "{\"username\":\"tok\",\"password\":\"Tok-pass12\"}").body().path("token").path("token").asText();
        assertThat(client.withToken(token).get("/mgmt/tm/ltm/pool").status()).isEqualTo(200);

        core.tmsh("modify auth user tok password Tok-pass34");

        assertThat(client.withToken(token).get("/mgmt/tm/ltm/pool").status()).isEqualTo(401);
    }

    @Test
    void passwordsNeverComeBackAndOnlyAdministratorsSeeHashes() {
        MgmtClient admin = client.withBasic("admin", "admin");
        Answer created = admin.post("/mgmt/tm/auth/user",
                "{\"name\":\"restuser\",\"password\":\"Rest-pass1\",\"partitionAccess\":[{\"name\":\"all-partitions\",\"role\":\"auditor\"}]}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().toString()).doesNotContain("Rest-pass1");
        assertThat(admin.get("/mgmt/tm/auth/user/restuser").body().path("encryptedPassword").asText()).startsWith("$6$");

        Answer seenByAuditor = client.withBasic("restuser", "Rest-pass1").get("/mgmt/tm/auth/user");

        assertThat(seenByAuditor.status()).isEqualTo(200);
        assertThat(seenByAuditor.body().toString()).contains("restuser").doesNotContain("encryptedPassword")
                .doesNotContain("Rest-pass1");
        assertThat(core.tmsh("show sys log audit")).doesNotContain("Rest-pass1");
    }

    private boolean attempt(String user, Operation operation, String partition) {
        MgmtClient as = client.withBasic(user, RoleMatrix.PASSWORD);
        String pools = "/mgmt/tm/ltm/pool/";
        Answer answer = switch (operation) {
            case READ -> as.get(pools + "~" + partition + "~web");
            case CREATE -> as.post("/mgmt/tm/ltm/pool", "{\"name\":\"/" + partition + "/rest_" + user + "\"}");
            case MODIFY -> as.patch(pools + "~" + partition + "~web", "{\"description\":\"" + user + "\"}");
            case DELETE -> as.delete(pools + "~" + partition + "~victim_" + user);
            case ENABLE -> as.patch("/mgmt/tm/ltm/node/~" + partition + "~10.0.0.1", "{\"session\":\"user-disabled\"}");
            case SYSTEM_READ -> as.get("/mgmt/tm/sys/global-settings");
            // The REST API does not PATCH singletons yet: a partition is the system object modified here.
            case SYSTEM_MODIFY -> as.patch("/mgmt/tm/auth/partition/Spare_" + user, "{\"description\":\"" + user + "\"}");
            case SYSTEM_CREATE -> as.post("/mgmt/tm/auth/partition", "{\"name\":\"Rest_" + user + "\"}");
            case SYSTEM_DELETE -> as.delete("/mgmt/tm/auth/partition/Spare_" + user);
        };
        if (answer.status() == 200) {
            return true;
        }
        assertThat(answer.status()).as(operation + " by " + user + ": " + answer.body()).isIn(403, 404);
        return false;
    }
}
