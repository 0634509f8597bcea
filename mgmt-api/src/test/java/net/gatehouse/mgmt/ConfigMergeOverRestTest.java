package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigip_config merge_content}'s four calls, as the module makes them: upload the text, move it
 * from the upload folder to {@code /tmp/<name>} with {@code util/unix-mv}, {@code tmsh load sys config
 * file /tmp/<name> merge} through {@code util/bash}, then {@code util/unix-rm} it.
 */
class ConfigMergeOverRestTest {

    private static final String UPLOADS = "/mgmt/shared/file-transfer/uploads/";

    private MgmtFixture box;
    private MgmtClient admin;

    @BeforeEach
    void start(@TempDir Path dataDir) {
        box = MgmtFixture.start(dataDir, new TestClock());
        admin = box.admin();
    }

    @AfterEach
    void stop() {
        box.close();
    }

    @Test
    void anUploadMovedToTmpIsMergedIntoTheRunningConfigurationAndRemovedAfterwards() {
        String name = "gh" + UUID.randomUUID().toString().replace("-", "");
        byte[] text = "ltm pool merged_pool {\n    members {\n        10.0.0.41:80 {\n            address 10.0.0.41\n"
                .concat("        }\n    }\n}\n").getBytes(StandardCharsets.UTF_8);
        admin.send("POST", UPLOADS + name, text, "application/octet-stream",
                "Content-Range", "0-" + (text.length - 1) + "/" + text.length);

        assertThat(unix("unix-mv", "/var/config/rest/downloads/" + name + " /tmp/" + name).status()).isEqualTo(200);
        assertThat(Path.of("/tmp", name)).isRegularFile();
        Answer merged = admin.post("/mgmt/tm/util/bash", "{\"command\":\"run\",\"utilCmdArgs\":"
                + "\"-c \\\"tmsh load sys config file /tmp/" + name + " merge\\\"\"}");
        assertThat(merged.status()).isEqualTo(200);
        assertThat(merged.body().path("commandResult").asText()).startsWith("Loading configuration...");
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~merged_pool/members/~Common~10.0.0.41:80").status())
                .isEqualTo(200);

        assertThat(unix("unix-rm", "/tmp/" + name).status()).isEqualTo(200);
        assertThat(Path.of("/tmp", name)).doesNotExist();
    }

    @Test
    void onlyUploadsGoToTmpAndOnlyWhatWasMovedThereIsRemoved(@TempDir Path elsewhere) throws Exception {
        Path foreign = Files.createFile(Path.of("/tmp", "gh-foreign-" + UUID.randomUUID()));
        try {
            Answer removeForeign = unix("unix-rm", foreign.toString());
            assertThat(removeForeign.status()).isEqualTo(400);
            assertThat(removeForeign.body().path("message").asText()).contains(foreign.toString());
            assertThat(foreign).exists();

            byte[] text = "x".getBytes(StandardCharsets.US_ASCII);
            admin.send("POST", UPLOADS + "up1", text, "application/octet-stream", "Content-Range", "0-0/1");
            Answer overwrite = unix("unix-mv", "/var/config/rest/downloads/up1 " + foreign);
            assertThat(overwrite.status()).isEqualTo(400);
            assertThat(overwrite.body().path("message").asText()).contains("exists and is not an upload");
            assertThat(Files.readString(foreign)).isEmpty();

            Answer subfolder = unix("unix-mv", "/var/config/rest/downloads/up1 /tmp/a/b");
            assertThat(subfolder.status()).isEqualTo(400);
            Answer notAnUpload = unix("unix-mv", elsewhere + "/x /tmp/x");
            assertThat(notAnUpload.status()).isEqualTo(400);
        } finally {
            Files.deleteIfExists(foreign);
        }
    }

    private Answer unix(String utility, String args) {
        return admin.post("/mgmt/tm/util/" + utility, "{\"command\":\"run\",\"utilCmdArgs\":\"" + args + "\"}");
    }
}
