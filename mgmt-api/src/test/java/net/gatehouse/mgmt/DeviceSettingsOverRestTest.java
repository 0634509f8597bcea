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
 * The device settings and network calls of F5's Ansible modules found by running them against Gatehouse
 * (docs/ansible.md, "more modules"): a singleton is read and patched at its own URL ({@code
 * bigip_device_dns}, {@code bigip_device_ntp}, {@code bigip_sys_global}, {@code bigip_hostname}), SNMP,
 * syslog's remote servers and TMM's log levels in BIG-IP's shapes ({@code bigip_snmp}, {@code
 * bigip_remote_syslog}, {@code bigip_sys_daemon_log_tmm}), management routes ({@code
 * bigip_management_route}), a self IP's port lockdown as a JSON array ({@code bigip_selfip}), a timer
 * policy's rules ({@code bigip_timer_policy}), a member named by a new node and its address ({@code
 * bigip_pool_member}) and the device rename {@code bigip_hostname} asks for after setting the host name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceSettingsOverRestTest {

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
    void aSingletonIsReadAndPatchedAtItsOwnUrlAndCannotBeDeleted() {
        JsonNode dns = admin.get("/mgmt/tm/sys/dns/").body();
        assertThat(dns.path("kind").asText()).isEqualTo("tm:sys:dns:dnsstate");
        assertThat(dns.has("items")).isFalse();

        Answer patched = admin.patch("/mgmt/tm/sys/dns/", "{\"nameServers\":[\"192.0.2.53\",\"192.0.2.54\"],"
                + "\"search\":[\"lab.local\"]}");
        assertThat(patched.status()).isEqualTo(200);
        JsonNode after = admin.get("/mgmt/tm/sys/dns").body();
        assertThat(after.path("nameServers").toString()).isEqualTo("[\"192.0.2.53\",\"192.0.2.54\"]");
        assertThat(after.path("search").toString()).isEqualTo("[\"lab.local\"]");

        assertThat(admin.patch("/mgmt/tm/sys/ntp/", "{\"servers\":[\"192.0.2.123\"],\"timezone\":\"UTC\"}")
                .status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/sys/ntp").body().path("timezone").asText()).isEqualTo("UTC");

        Answer refused = admin.delete("/mgmt/tm/sys/ntp");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("NTP", "built-in");
    }

    @Test
    void snmpSyslogAndTmmLogLevelsAnswerInBigipsShapeWithF5sDefaults() throws IOException {
        assertThat(admin.get("/mgmt/tm/sys/snmp").body()).isEqualTo(golden("golden/sys-snmp.json"));
        assertThat(admin.get("/mgmt/tm/sys/daemon-log-settings/tmm").body())
                .isEqualTo(golden("golden/sys-daemon-log-settings-tmm.json"));

        assertThat(admin.patch("/mgmt/tm/sys/syslog/", "{\"remoteServers\":[{\"name\":\"/Common/192.0.2.10\","
                + "\"host\":\"192.0.2.10\",\"remotePort\":1514}]}").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/sys/syslog").body()).isEqualTo(golden("golden/sys-syslog.json"));

        Answer refused = admin.patch("/mgmt/tm/sys/daemon-log-settings/tmm", "{\"sslLogLevel\":\"loud\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("sslLogLevel", "loud");
    }

    @Test
    void aManagementRouteIsCreatedChangedAndDeleted() {
        assertThat(admin.post("/mgmt/tm/sys/management-route", "{\"name\":\"tacacs\",\"partition\":\"Common\","
                + "\"gateway\":\"192.0.2.1\",\"network\":\"198.51.100.0/24\"}").status()).isEqualTo(200);
        assertThat(admin.patch("/mgmt/tm/sys/management-route/~Common~tacacs", "{\"gateway\":\"192.0.2.2\"}")
                .status()).isEqualTo(200);
        JsonNode route = admin.get("/mgmt/tm/sys/management-route/~Common~tacacs").body();
        assertThat(route.path("kind").asText()).isEqualTo("tm:sys:management-route:management-routestate");
        assertThat(route.path("gateway").asText()).isEqualTo("192.0.2.2");
        assertThat(route.path("network").asText()).isEqualTo("198.51.100.0/24");
        assertThat(route.path("mtu").asInt()).isZero();

        assertThat(admin.delete("/mgmt/tm/sys/management-route/~Common~tacacs").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/sys/management-route/~Common~tacacs").status()).isEqualTo(404);
    }

    @Test
    void aSelfIpsPortLockdownIsAJsonArrayBothWays() {
        assertThat(admin.post("/mgmt/tm/net/vlan", "{\"name\":\"v30\",\"tag\":30}").status()).isEqualTo(200);
        assertThat(admin.post("/mgmt/tm/net/self", "{\"name\":\"s30\",\"address\":\"10.30.0.5/24\",\"vlan\":\"v30\","
                + "\"allowService\":[\"default\",\"tcp:22\"]}").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/net/self/~Common~s30").body().path("allowService").toString())
                .isEqualTo("[\"default\",\"tcp:22\"]");

        assertThat(admin.patch("/mgmt/tm/net/self/~Common~s30", "{\"allowService\":\"all\"}").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/net/self/~Common~s30").body().path("allowService").asText()).isEqualTo("all");

        assertThat(admin.patch("/mgmt/tm/net/self/~Common~s30", "{\"allowService\":[]}").status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/net/self/~Common~s30").body().has("allowService")).isFalse();
    }

    @Test
    void aMemberNamedByANewNodeWithAnAddressCreatesThatNode() {
        assertThat(admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"maint\"}").status()).isEqualTo(200);
        assertThat(admin.post("/mgmt/tm/ltm/pool/~Common~maint/members", "{\"name\":\"app7:80\","
                + "\"partition\":\"Common\",\"address\":\"10.70.0.7\"}").status()).isEqualTo(200);

        assertThat(admin.get("/mgmt/tm/ltm/node/~Common~app7").body().path("address").asText()).isEqualTo("10.70.0.7");
        assertThat(admin.post("/mgmt/tm/ltm/pool/~Common~maint/members", "{\"name\":\"ghost:80\"}").body()
                .path("message").asText()).contains("Node (/Common/ghost) was not found");
    }

    @Test
    void theDeviceIsNamedAfterTheHostNameSoRenamingItToTheHostNameIsDoneAndAnyOtherNameRefused() {
        assertThat(admin.get("/mgmt/tm/cm/device").body().path("items").get(0).path("name").asText())
                .isEqualTo("bigip1");
        assertThat(admin.patch("/mgmt/tm/sys/global-settings", "{\"hostname\":\"lb9.example.com\"}").status())
                .isEqualTo(200);
        JsonNode device = admin.get("/mgmt/tm/cm/device").body().path("items").get(0);
        assertThat(device.path("name").asText()).isEqualTo("lb9.example.com");
        assertThat(device.path("hostname").asText()).isEqualTo("lb9.example.com");

        Answer renamed = admin.post("/mgmt/tm/cm/device", "{\"command\":\"mv\",\"name\":\"bigip1\","
                + "\"target\":\"lb9.example.com\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().path("name").asText()).isEqualTo("lb9.example.com");

        Answer refused = admin.post("/mgmt/tm/cm/device", "{\"command\":\"mv\",\"name\":\"lb9.example.com\","
                + "\"target\":\"other.example.com\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText())
                .contains("renaming device (/Common/lb9.example.com) to other.example.com is not supported");
    }

    @Test
    void aTimerPolicysRulesKeepTheirProtocolPortsAndIdleTimeoutInTheShapeBigipTimerPolicyWritesAndReads() {
        String rules = "[{\"name\":\"web\",\"ipProtocol\":\"tcp\",\"destinationPorts\":[{\"name\":\"443\"},"
                + "{\"name\":\"80\"}],\"timers\":[{\"name\":\"flow-idle-timeout\",\"value\":\"300\"}]},"
                + "{\"name\":\"other\",\"ipProtocol\":\"200\",\"destinationPorts\":[],"
                + "\"timers\":[{\"name\":\"flow-idle-timeout\",\"value\":\"indefinite\"}]}]";
        assertThat(admin.post("/mgmt/tm/net/timer-policy", "{\"name\":\"timers\",\"partition\":\"Common\","
                + "\"description\":\"idle timeouts\",\"rules\":" + rules + "}").status()).isEqualTo(200);

        JsonNode policy = admin.get("/mgmt/tm/net/timer-policy/~Common~timers").body();
        assertThat(policy.path("kind").asText()).isEqualTo("tm:net:timer-policy:timer-policystate");
        JsonNode web = policy.path("rules").get(1);
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("ipProtocol").asText()).isEqualTo("tcp");
        assertThat(web.path("destinationPorts").toString()).isEqualTo("[{\"name\":\"443\"},{\"name\":\"80\"}]");
        assertThat(web.path("timers").get(0).path("value").asText()).isEqualTo("300");
        JsonNode other = policy.path("rules").get(0);
        assertThat(other.path("ipProtocol").asText()).isEqualTo("200");
        assertThat(other.has("destinationPorts")).isFalse();
        assertThat(other.path("timers").get(0).path("value").asText()).isEqualTo("indefinite");

        Answer refused = admin.patch("/mgmt/tm/net/timer-policy/~Common~timers",
                "{\"rules\":[{\"name\":\"web\",\"ipProtocol\":\"carrier-pigeon\"}]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("ipProtocol", "carrier-pigeon");
        assertThat(admin.delete("/mgmt/tm/net/timer-policy/~Common~timers").status()).isEqualTo(200);
    }

    private static JsonNode golden(String resource) throws IOException {
        try (InputStream in = DeviceSettingsOverRestTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }
}
