package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bigip_data_group} with {@code internal: false}, call by call: the records uploaded as a file,
 * imported as {@code sys file data-group} (its checksum is what the module compares), an
 * {@code ltm data-group external} naming it, a new import on change, and removal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataGroupFilesOverRestTest {

    private static final String UPLOADS = "/mgmt/shared/file-transfer/uploads/";
    private static final String FILES = "/mgmt/tm/sys/file/data-group";
    private static final String EXTERNAL = "/mgmt/tm/ltm/data-group/external";

    private MgmtFixture box;
    private MgmtClient admin;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        box = MgmtFixture.start(dataDir, new TestClock());
        admin = box.admin();
    }

    @AfterAll
    void stop() {
        box.close();
    }

    private void upload(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(admin.send("POST", UPLOADS + name, bytes, "application/octet-stream",
                "Content-Range", "0-" + (bytes.length - 1) + "/" + bytes.length).status()).isEqualTo(200);
    }

    @Test
    void anUploadedFileBecomesADataGroupFileThatAnExternalDataGroupNames() {
        upload("hosts_file", "host 10.0.0.1 := web,\nnetwork 10.1.0.0 prefixlen 16 := lab,\n");
        Answer file = admin.post(FILES, "{\"name\":\"hosts_file\",\"partition\":\"Common\",\"type\":\"ip\","
                + "\"sourcePath\":\"file:/var/config/rest/downloads/hosts_file\"}");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body().path("checksum").asText())
                .isEqualTo("SHA1:60:" + sha1("host 10.0.0.1 := web,\nnetwork 10.1.0.0 prefixlen 16 := lab,\n"));
        assertThat(file.body().path("size").asLong()).isEqualTo(60);
        assertThat(file.body().path("revision").asLong()).isEqualTo(1);
        assertThat(file.body().path("type").asText()).isEqualTo("ip");

        assertThat(admin.post(EXTERNAL, "{\"name\":\"hosts\",\"partition\":\"Common\","
                + "\"externalFileName\":\"hosts_file\",\"description\":\"lab hosts\"}").status()).isEqualTo(200);
        JsonNode group = admin.get(EXTERNAL + "/~Common~hosts").body();
        assertThat(group.path("externalFileName").asText()).isEqualTo("/Common/hosts_file");

        upload("hosts_file", "host 10.0.0.2,\n");
        JsonNode again = admin.patch(FILES + "/~Common~hosts_file",
                "{\"sourcePath\":\"file:/var/config/rest/downloads/hosts_file\"}").body();
        assertThat(again.path("revision").asLong()).isEqualTo(2);
        assertThat(again.path("checksum").asText()).isEqualTo("SHA1:15:" + sha1("host 10.0.0.2,\n"));
        assertThat(again.path("type").asText()).isEqualTo("ip");

        Answer inUse = admin.delete(FILES + "/~Common~hosts_file");
        assertThat(inUse.status()).isEqualTo(400);
        assertThat(inUse.body().path("message").asText()).contains("/Common/hosts_file");
        assertThat(admin.delete(EXTERNAL + "/~Common~hosts").status()).isEqualTo(200);
        assertThat(admin.delete(FILES + "/~Common~hosts_file").status()).isEqualTo(200);
    }

    @Test
    void aFileWhoseRecordsDoNotFitItsTypeIsRefusedNamingTheLine() {
        upload("bad_ints", "1 := one,\ntwo := 2,\n");
        Answer refused = admin.post(FILES, "{\"name\":\"bad_ints\",\"type\":\"integer\","
                + "\"sourcePath\":\"file:/var/config/rest/downloads/bad_ints\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("/Common/bad_ints", "line 2", "must be a number");
        assertThat(admin.get(FILES + "/~Common~bad_ints").status()).isEqualTo(404);
    }

    @Test
    void aSourcePathOutsideTheImportFoldersIsRefusedAsTmshRefusesIt() {
        Answer refused = admin.post(FILES, "{\"name\":\"passwd\",\"sourcePath\":\"file:/etc/passwd\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).isEqualTo("01070712:3: Values (file:/etc/passwd) specified"
                + " for data group file (/Common/passwd) property source-path: files are imported only from"
                + " /var/config/rest/downloads/, /var/tmp/, /shared/tmp/ or /tmp/ (not the appliance's data directory).");
        Answer missing = admin.post(FILES, "{\"name\":\"later\",\"sourcePath\":\"file:/var/config/rest/downloads/later\"}");
        assertThat(missing.body().path("message").asText()).endsWith("property source-path: there is no such file.");
        assertThat(admin.get(FILES + "/~Common~passwd").status()).isEqualTo(404);
    }

    @Test
    void anExternalDataGroupNeedsAnExistingFile() {
        Answer refused = admin.post(EXTERNAL, "{\"name\":\"orphan\",\"externalFileName\":\"no_such_file\"}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.body().path("message").asText()).contains("/Common/no_such_file");
        assertThat(admin.get(EXTERNAL + "/~Common~orphan").status()).isEqualTo(404);
    }

    private static String sha1(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
