package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.gatehouse.mgmt.MgmtClient.Answer;
import net.gatehouse.mgmt.MgmtClient.Download;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A UCS archive out of the appliance and back in, by the calls F5's {@code bigip_ucs_fetch} and
 * {@code bigip_ucs} make: the {@code task/sys/ucs} save task, chunked {@code ucs-downloads}, an upload
 * moved into {@code /var/local/ucs/} with {@code util/unix-mv}, then a load through {@code util/bash};
 * and every other path, name or caller refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UcsTransferOverRestTest {

    private static final String TASKS = "/mgmt/tm/task/sys/ucs";
    private static final String DOWNLOADS = "/mgmt/shared/file-transfer/ucs-downloads/";
    private static final String UPLOADS = "/mgmt/shared/file-transfer/uploads/";

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
    void anArchiveIsSavedByATaskFetchedInChunksUploadedMovedAndLoaded() throws Exception {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"carried_pool\"}");
        Answer created = admin.post(TASKS, "{\"command\":\"save\",\"name\":\"fetched.ucs\","
                + "\"options\":[{\"passphrase\":\"tr4nsfer\"}]}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("_taskState").asText()).isEqualTo("CREATED");
        assertThat(created.body().toString()).doesNotContain("tr4nsfer");
        long id = created.body().path("_taskId").asLong();
        assertThat(Files.exists(dataDir.resolve("ucs/fetched.ucs"))).isFalse();

        Answer started = admin.put(TASKS + "/" + id, "{\"_taskState\":\"VALIDATING\"}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(admin.get(TASKS + "/" + id + "/result").body().path("_taskState").asText()).isEqualTo("COMPLETED");
        byte[] onDisk = Files.readAllBytes(dataDir.resolve("ucs/fetched.ucs"));

        // bigip_ucs_fetch's first request only learns the size (it sends a JSON body with its GETs);
        // then it asks chunk by chunk.
        Download probe = admin.downloadWithBody(DOWNLOADS + "fetched.ucs", "{\"headers\":{},\"verify\":false}",
                "Content-Range", "0-524287/0", "Content-Type", "application/octet-stream");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.headers().firstValue("Content-Range")).hasValue("0-" + (onDisk.length - 1) + "/" + onDisk.length);
        ByteArrayOutputStream fetched = new ByteArrayOutputStream();
        int chunk = 1000;
        for (int start = 0; start < onDisk.length && start < 100 * chunk * 1000; start += chunk) {
            Download part = admin.download(DOWNLOADS + "fetched.ucs",
                    "Content-Range", start + "-" + (start + chunk - 1) + "/" + (onDisk.length - 1));
            assertThat(part.status()).isEqualTo(200);
            fetched.writeBytes(part.body());
        }
        assertThat(fetched.toByteArray()).isEqualTo(onDisk);

        admin.delete("/mgmt/tm/ltm/pool/~Common~carried_pool");
        int half = onDisk.length / 2;
        admin.send("POST", UPLOADS + "restored.ucs", Arrays.copyOfRange(onDisk, half, onDisk.length),
                "application/octet-stream", "Content-Range", half + "-" + (onDisk.length - 1) + "/" + onDisk.length);
        admin.send("POST", UPLOADS + "restored.ucs", Arrays.copyOfRange(onDisk, 0, half),
                "application/octet-stream", "Content-Range", "0-" + (half - 1) + "/" + onDisk.length);
        Answer moved = unixMv("/var/config/rest/downloads/restored.ucs /var/local/ucs/restored.ucs");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().path("kind").asText()).isEqualTo("tm:util:unix-mv:runstate");
        assertThat(Files.exists(dataDir.resolve("rest/downloads/restored.ucs"))).isFalse();
        assertThat(Files.readAllBytes(dataDir.resolve("ucs/restored.ucs"))).isEqualTo(onDisk);
        assertThat(admin.get("/mgmt/tm/sys/ucs/").body().path("items").findValuesAsText("filename"))
                .contains("/var/local/ucs/restored.ucs");

        Answer loaded = bash("-c \"tmsh load sys ucs /var/local/ucs/restored.ucs passphrase tr4nsfer\"");
        assertThat(loaded.body().path("commandResult").asText()).contains("/var/local/ucs/restored.ucs is loaded");
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~carried_pool").status()).isEqualTo(200);
        String state = bash("-c \"tmsh show sys mcp-state\"").body().path("commandResult").asText();
        assertThat(state).containsPattern("Running Phase\\s+running")
                .containsPattern("Last Configuration Load Status\\s+full-config-load-succeed");
    }

    @Test
    void unixMvMovesOnlyAnUploadIntoTheUcsFolder() throws Exception {
        admin.send("POST", UPLOADS + "stray.ucs", "not much".getBytes(StandardCharsets.US_ASCII),
                "application/octet-stream", "Content-Range", "0-7/8");
        for (String args : new String[] {
            "/var/config/rest/downloads/stray.ucs /config/bigip.conf",
            "/var/config/rest/downloads/stray.ucs /var/local/ucs/../../config/bigip.ucs",
            "/var/config/rest/downloads/stray.ucs /var/local/ucs/stray.txt",
            "/var/config/rest/downloads/../../config/bigip.conf /var/local/ucs/stolen.ucs",
            "/config/bigip.conf /var/local/ucs/stolen.ucs",
            "-f /var/config/rest/downloads/stray.ucs",
            "/var/config/rest/downloads/stray.ucs /var/local/ucs/a.ucs /var/local/ucs/b.ucs"}) {
            Answer refused = unixMv(args);
            assertThat(refused.status()).as(args).isEqualTo(400);
            assertThat(refused.body().path("message").asText()).as(args).contains("unix-mv", "refused");
        }
        assertThat(Files.exists(dataDir.resolve("rest/downloads/stray.ucs"))).isTrue();
        for (String placed : new String[] {"ucs/stray.ucs", "ucs/stray.txt", "ucs/stolen.ucs", "ucs/a.ucs",
            "config/bigip.ucs"}) {
            assertThat(dataDir.resolve(placed)).as(placed).doesNotExist();
        }
        assertThat(dataDir.resolve("config/bigip.conf")).satisfiesAnyOf(conf -> assertThat(conf).doesNotExist(),
                conf -> assertThat(Files.readString(conf)).doesNotContain("not much"));
        Answer missing = unixMv("/var/config/rest/downloads/absent.ucs /var/local/ucs/absent.ucs");
        assertThat(missing.body().path("commandResult").asText()).contains("No such file or directory");
    }

    @Test
    void downloadsServeOnlyUcsArchivesToAnAdministrator() {
        admin.post("/mgmt/tm/sys/ucs", "{\"command\":\"save\",\"name\":\"guarded.ucs\"}");
        assertThat(admin.download(DOWNLOADS + "..%2Fconfig%2Fbigip.conf").status()).isIn(400, 404);
        assertThat(admin.download(DOWNLOADS + "..%2F..%2Fucs%2Fguarded.ucs").status()).isIn(400, 404);
        assertThat(admin.download(DOWNLOADS + "bigip.conf").status()).isEqualTo(400);
        assertThat(admin.download(DOWNLOADS + "%2Fetc%2Fpasswd.ucs").status()).isIn(400, 404);
        assertThat(admin.download(DOWNLOADS + "absent.ucs").status()).isEqualTo(404);
        assertThat(admin.download(DOWNLOADS + "guarded.ucs", "Content-Range", "999999999-1000000000/0").status())
                .isEqualTo(400);

        admin.post("/mgmt/tm/auth/user", "{\"name\":\"viewer\",\"password\":\"V1ewer-pass!\","
                + "\"partitionAccess\":[{\"name\":\"all-partitions\",\"role\":\"operator\"}]}");
        MgmtClient operator = box.client()
                .withBasic("viewer", "V1ewer-pass!");
        assertThat(operator.download(DOWNLOADS + "guarded.ucs").status()).isEqualTo(403);
        Answer task = operator.post(TASKS, "{\"command\":\"save\",\"name\":\"viewer.ucs\"}");
        Answer run = operator.put(TASKS + "/" + task.body().path("_taskId").asLong(), "{\"_taskState\":\"VALIDATING\"}");
        assertThat(run.body().path("_taskState").asText()).isEqualTo("FAILED");
        assertThat(run.body().path("_errorMessage").asText()).contains("Access Denied");
    }

    @Test
    void aTaskRunsOnceAndReportsWhyItFailed() {
        admin.post("/mgmt/tm/sys/ucs", "{\"command\":\"save\",\"name\":\"locked.ucs\",\"options\":[{\"passphrase\":\"right\"}]}");
        long id = admin.post(TASKS, "{\"command\":\"load\",\"name\":\"locked.ucs\",\"options\":[{\"passphrase\":\"wrong\"}]}")
                .body().path("_taskId").asLong();
        assertThat(admin.put(TASKS + "/" + id, "{\"_taskState\":\"VALIDATING\"}").status()).isEqualTo(202);
        Answer result = admin.get(TASKS + "/" + id + "/result");
        assertThat(result.body().path("_taskState").asText()).isEqualTo("FAILED");
        assertThat(result.body().path("_errorMessage").asText()).contains("The passphrase is incorrect");
        assertThat(admin.put(TASKS + "/" + id, "{\"_taskState\":\"VALIDATING\"}").status()).isEqualTo(400);
        assertThat(admin.get(TASKS + "/12345").status()).isEqualTo(404);
        assertThat(admin.post(TASKS, "{\"command\":\"restore\",\"name\":\"x.ucs\"}").status()).isEqualTo(400);
    }

    private Answer unixMv(String args) {
        return admin.post("/mgmt/tm/util/unix-mv/", "{\"command\":\"run\",\"utilCmdArgs\":\"" + args + "\"}");
    }

    private Answer bash(String utilCmdArgs) {
        return admin.post("/mgmt/tm/util/bash", "{\"command\":\"run\",\"utilCmdArgs\":\""
                + utilCmdArgs.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
