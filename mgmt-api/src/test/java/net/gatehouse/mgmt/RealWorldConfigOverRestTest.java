package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole BIG-IP 13.1 {@code bigip.conf} found in a public repository (appliance's
 * {@code realworld} fixtures), uploaded and merged through {@code /mgmt/tm/sys/config} as a script
 * against iControl REST would: the LTM objects load, the modules Gatehouse does not model are skipped.
 */
class RealWorldConfigOverRestTest {

    private static final Path FIXTURE = Path.of(System.getProperty("basedir", "."))
            .resolve("../appliance/src/test/resources/realworld/pythondevops-13.1.conf");

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
    void anUploadedWholeBigipConfIsMergedBySysConfigLoad() throws IOException {
        String name = "gh" + UUID.randomUUID().toString().replace("-", "");
        byte[] text = Files.readAllBytes(FIXTURE);
        admin.send("POST", "/mgmt/shared/file-transfer/uploads/" + name, text, "application/octet-stream",
                "Content-Range", "0-" + (text.length - 1) + "/" + text.length);
        try {
            Answer moved = admin.post("/mgmt/tm/util/unix-mv", "{\"command\":\"run\",\"utilCmdArgs\":"
                    + "\"/var/config/rest/downloads/" + name + " /tmp/" + name + "\"}");
            assertThat(moved.status()).isEqualTo(200);
            Answer loaded = admin.post("/mgmt/tm/sys/config", "{\"command\":\"load\",\"options\":"
                    + "[{\"file\":\"/tmp/" + name + "\"},{\"merge\":\"\"}]}");
            assertThat(loaded.status()).isEqualTo(200);
            assertThat(admin.get("/mgmt/tm/ltm/virtual/~Common~Adobe-test-VS").body().path("pool").asText())
                    .isEqualTo("/Common/Adobe-test-pool");
            assertThat(admin.get("/mgmt/tm/ltm/snatpool/~Common~snatdemo").status()).isEqualTo(200);
        } finally {
            Files.deleteIfExists(Path.of("/tmp", name));
        }
    }
}
