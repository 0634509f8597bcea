package net.gatehouse.mgmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Date;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.mgmt.MgmtClient.Answer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Part 2 of the management API over real HTTPS: uploads, certificate and key import, util/bash,
 * unix-rm, sys/config, transactions and stats. One appliance serves the class; each test uses
 * names of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MgmtOperationsTest {

    private static final String UPLOADS = "/mgmt/shared/file-transfer/uploads/";
    private static final String COORDINATION = "X-F5-REST-Coordination-Id";

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

    private Answer upload(String name, String range, byte[] chunk) {
        return admin.send("POST", UPLOADS + name, chunk, "application/octet-stream", "Content-Range", range);
    }

    private Answer bash(String utilCmdArgs) {
        return admin.post("/mgmt/tm/util/bash", "{\"command\":\"run\",\"utilCmdArgs\":" + quoted(utilCmdArgs) + "}");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void anUploadInOutOfOrderChunksLandsInTheUploadFolder() throws Exception {
        Answer second = upload("chunks.txt", "5-9/10", "world".getBytes(StandardCharsets.US_ASCII));
        Answer first = upload("chunks.txt", "0-4/10", "hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("remainingByteCount").asLong()).isEqualTo(5);
        assertThat(first.body().path("remainingByteCount").asLong()).isZero();
        assertThat(first.body().path("localFilePath").asText()).isEqualTo("/var/config/rest/downloads/chunks.txt");
        assertThat(Files.readString(dataDir.resolve("rest/downloads/chunks.txt"))).isEqualTo("helloworld");
    }

    @Test
    void uploadsThatTraverseOrExceedTheLimitAreRefused() {
        Answer traversal = upload("..%2F..%2Fconfig%2Ftraversal.txt", "0-0/1", new byte[1]);
        Answer oversize = upload("huge.iso", "0-0/" + (Uploads.LIMIT_BYTES + 1), new byte[1]);

        assertThat(traversal.status()).isIn(400, 404);
        assertThat(Files.exists(dataDir.resolve("config/traversal.txt"))).isFalse();
        assertThat(Files.exists(dataDir.resolve("rest/traversal.txt"))).isFalse();
        assertThat(oversize.status()).isEqualTo(400);
        assertThat(oversize.body().path("message").asText()).contains("larger than the limit");
    }

    @Test
    void aCertificateAndKeyImportFromUploadsWithBigIpChecksums() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=import.example.com");
        var holder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, new Date(clock.millis()),
                new Date(clock.millis() + Duration.ofDays(365).toMillis()), subject, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        byte[] cert = pem(holder);
        byte[] key = pem(pair.getPrivate());
        upload("import.crt", "0-" + (cert.length - 1) + "/" + cert.length, cert);
        upload("import.key", "0-" + (key.length - 1) + "/" + key.length, key);

        Answer created = admin.post("/mgmt/tm/sys/file/ssl-cert", "{\"name\":\"import.crt\",\"partition\":\"Common\","
                + "\"sourcePath\":\"file:///var/config/rest/downloads/import.crt\"}");
        Answer keyCreated = admin.post("/mgmt/tm/sys/file/ssl-key", "{\"name\":\"import.key\","
                + "\"sourcePath\":\"file:/var/config/rest/downloads/import.key\"}");
        Answer reimported = admin.put("/mgmt/tm/sys/file/ssl-cert/~Common~import.crt",
                "{\"sourcePath\":\"file:///var/config/rest/downloads/import.crt\"}");

        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        assertThat(created.body().path("checksum").asText()).isEqualTo(sha1(cert))
                .matches("SHA1:" + cert.length + ":[0-9a-f]{40}");
        assertThat(keyCreated.status()).as(keyCreated.body().toString()).isEqualTo(200);
        assertThat(keyCreated.body().path("checksum").asText()).isEqualTo(sha1(key));
        String keyCache = keyCreated.body().path("cachePath").asText();
        String cached = Files.readString(dataDir.resolve("config").resolve(keyCache.substring("/config/".length())));
        assertThat(cached).as("the key went into a slot; its cache-path file names the slot only")
                .doesNotContain("PRIVATE KEY").doesNotContain(new String(key, StandardCharsets.US_ASCII).strip());
        assertThat(reimported.body().path("revision").asLong()).isEqualTo(2);
        assertThat(reimported.body().path("sourcePath").asText())
                .isEqualTo("file:///var/config/rest/downloads/import.crt");
    }

    @Test
    void aKeyImportRefusesContentThatIsNotAKeyAndAPathOutsideTheImportFolders() {
        byte[] junk = "not a key".getBytes(StandardCharsets.US_ASCII);
        upload("junk.key", "0-" + (junk.length - 1) + "/" + junk.length, junk);

        Answer notKey = admin.post("/mgmt/tm/sys/file/ssl-key", "{\"name\":\"junk.key\","
                + "\"sourcePath\":\"file:/var/config/rest/downloads/junk.key\"}");
        Answer outside = admin.post("/mgmt/tm/sys/file/ssl-key", "{\"name\":\"etc.key\","
                + "\"sourcePath\":\"file:/etc/ssl/private/box.server().key\"}");

        assertThat(notKey.status()).isEqualTo(400);
        assertThat(notKey.body().path("message").asText()).isEqualTo("01070313:3: The key (/Common/junk.key) cannot be "
                + "installed from file:/var/config/rest/downloads/junk.key: the file is not a private key in PEM, PKCS#8 or "
                + "PKCS#12 form.");
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().path("message").asText()).isEqualTo("01070712:3: Values (file:/etc/ssl/private/"
                + "box.server().key) specified for key (/Common/etc.key) property source-path: files are imported only from"
                + " /var/config/rest/downloads/, /var/tmp/, /shared/tmp/ or /tmp/ (not the appliance's data directory).");
        assertThat(admin.get("/mgmt/tm/sys/file/ssl-key/~Common~junk.key").status()).isEqualTo(404);
    }

    @Test
    void utilBashRunsTmshCommandsAsTheCaller() {
        Answer created = bash("-c 'tmsh -c \"create ltm pool bash_pool; list ltm pool bash_pool\"'");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body().path("commandResult").asText()).isEqualTo("ltm pool bash_pool { }\n");
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~bash_pool").status()).isEqualTo(200);
    }

    @Test
    void utilBashAnswersTmshErrorsAsBashWouldPrintThem() {
        Answer missing = bash("-c \"tmsh -c \\\"list ltm pool no_such_pool\\\"\"");

        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.body().path("commandResult").asText())
                .contains("01020036:3: The requested Pool (/Common/no_such_pool) was not found.");
    }

    @Test
    void utilBashRefusesAnythingButTmsh() {
        Answer shell = bash("-c \"rm -rf /var/config\"");
        Answer chained = bash("-c \"tmsh list ltm pool; cat /etc/shadow\"");

        assertThat(shell.status()).isEqualTo(400);
        assertThat(shell.body().path("message").asText()).contains("runs only tmsh");
        assertThat(chained.status()).isEqualTo(400);
    }

    @Test
    void utilBashAnswersTheReadinessProbesOfBigipWait() {
        Answer runlevel = bash("-c \"runlevel\"");
        Answer mprov = bash("-c \"ps aux | grep '[m]prov'\"");
        Answer otherProcess = bash("-c \"ps aux | grep '[s]shd'\"");

        assertThat(runlevel.body().path("commandResult").asText()).isEqualTo("N 3\n");
        assertThat(mprov.status()).isEqualTo(200);
        assertThat(mprov.body().has("commandResult")).isFalse();
        assertThat(otherProcess.status()).isEqualTo(400);
    }

    @Test
    void utilBashAnswersTheOutputBeforeAFailingCommandAndThenItsError() {
        Answer answer = bash("-c 'tmsh -c \"create ltm pool bash_before; list ltm pool bash_before;"
                + " list ltm pool no_such_pool\"'");

        assertThat(answer.body().path("commandResult").asText()).isEqualTo("ltm pool bash_before { }\n"
                + "01020036:3: The requested Pool (/Common/no_such_pool) was not found.\n");
    }

    @Test
    void utilPingAnswersPingsOutputAsItsCommandResult() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ping")) || Files.isExecutable(Path.of("/bin/ping")),
                "iputils-ping is not installed (CI installs it)");

        Answer answer = admin.post("/mgmt/tm/util/ping", "{\"command\":\"run\",\"utilCmdArgs\":\"-c 1 127.0.0.1\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("kind").asText()).isEqualTo("tm:util:ping:runstate");
        assertThat(answer.body().path("command").asText()).isEqualTo("run");
        assertThat(answer.body().path("utilCmdArgs").asText()).isEqualTo("-c 1 127.0.0.1");
        assertThat(answer.body().path("commandResult").asText()).contains("1 packets transmitted, 1 received");
    }

    @Test
    void utilPingRefusesArgumentsItDoesNotTakeNamingThem() {
        Answer injected = admin.post("/mgmt/tm/util/ping",
                "{\"command\":\"run\",\"utilCmdArgs\":\"-c 1 127.0.0.1; rm -rf /\"}");
        Answer flood = admin.post("/mgmt/tm/util/ping", "{\"command\":\"run\",\"utilCmdArgs\":\"-f 127.0.0.1\"}");

        assertThat(injected.status()).isEqualTo(400);
        assertThat(injected.body().path("message").asText())
                .isEqualTo("run util ping: \"127.0.0.1;\" is not an IP address or a host name");
        assertThat(flood.status()).isEqualTo(400);
        assertThat(flood.body().path("message").asText()).contains("unknown option \"-f\"");
    }

    @Test
    void unixRmRemovesUploadsAndNothingElse() {
        upload("gone.txt", "0-0/1", new byte[] {'x'});

        Answer removed = admin.post("/mgmt/tm/util/unix-rm",
                "{\"command\":\"run\",\"utilCmdArgs\":\"/var/config/rest/downloads/gone.txt\"}");
        Answer elsewhere = admin.post("/mgmt/tm/util/unix-rm",
                "{\"command\":\"run\",\"utilCmdArgs\":\"/config/bigip.conf\"}");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(Files.exists(dataDir.resolve("rest/downloads/gone.txt"))).isFalse();
        assertThat(elsewhere.status()).isEqualTo(400);
    }

    @Test
    void sysConfigSaveWritesTheConfigurationFiles() {
        Answer saved = admin.post("/mgmt/tm/sys/config", "{\"command\":\"save\"}");

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body().path("kind").asText()).isEqualTo("tm:sys:config:savestate");
        assertThat(Files.exists(dataDir.resolve("config/bigip.conf"))).isTrue();
    }

    @Test
    void aTransactionCommitsItsCommandsTogether() {
        String id = admin.post("/mgmt/tm/transaction", "{}").body().path("transId").asText();

        Answer added = admin.send("POST", "/mgmt/tm/ltm/pool", "{\"name\":\"tx_pool\"}"
                .getBytes(StandardCharsets.UTF_8), "application/json", COORDINATION, id);
        admin.send("POST", "/mgmt/tm/ltm/pool/~Common~tx_pool/members", "{\"name\":\"10.9.0.1:80\"}"
                .getBytes(StandardCharsets.UTF_8), "application/json", COORDINATION, id);
        Answer before = admin.get("/mgmt/tm/ltm/pool/~Common~tx_pool");
        Answer listed = admin.get("/mgmt/tm/transaction/" + id + "/commands");
        Answer committed = admin.patch("/mgmt/tm/transaction/" + id, "{\"state\":\"VALIDATING\"}");

        assertThat(added.body().path("commandId").asLong()).isEqualTo(1);
        assertThat(before.status()).as("nothing happens before the commit").isEqualTo(404);
        assertThat(listed.body().path("items")).hasSize(2);
        assertThat(committed.status()).isEqualTo(200);
        assertThat(committed.body().path("state").asText()).isEqualTo("COMPLETED");
        JsonNode members = admin.get("/mgmt/tm/ltm/pool/~Common~tx_pool/members").body().path("items");
        assertThat(members).hasSize(1);
    }

    @Test
    void aTransactionWithOneBadCommandChangesNothing() {
        String id = admin.post("/mgmt/tm/transaction", "{}").body().path("transId").asText();
        admin.send("POST", "/mgmt/tm/ltm/pool", "{\"name\":\"rollback_pool\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", COORDINATION, id);
        admin.send("POST", "/mgmt/tm/ltm/virtual", ("{\"name\":\"rollback_vs\",\"destination\":\"10.9.1.1:80\","
                + "\"pool\":\"no_such_pool\"}").getBytes(StandardCharsets.UTF_8), "application/json", COORDINATION, id);

        Answer committed = admin.patch("/mgmt/tm/transaction/" + id, "{\"state\":\"VALIDATING\"}");

        assertThat(committed.status()).isEqualTo(400);
        assertThat(committed.body().path("message").asText())
                .isEqualTo("transaction failed:01020036:3: The requested Pool (/Common/no_such_pool) was not found.");
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~rollback_pool").status()).isEqualTo(404);
        assertThat(admin.get("/mgmt/tm/transaction/" + id).body().path("state").asText()).isEqualTo("FAILED");
    }

    @Test
    void aDeletedTransactionIsGoneAndItsCommandsNeverRun() {
        String id = admin.post("/mgmt/tm/transaction", "{}").body().path("transId").asText();
        admin.send("POST", "/mgmt/tm/ltm/pool", "{\"name\":\"dropped_pool\"}".getBytes(StandardCharsets.UTF_8),
                "application/json", COORDINATION, id);

        Answer deleted = admin.delete("/mgmt/tm/transaction/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(admin.get("/mgmt/tm/transaction/" + id).status()).isEqualTo(404);
        assertThat(admin.patch("/mgmt/tm/transaction/" + id, "{\"state\":\"VALIDATING\"}").status()).isEqualTo(404);
        assertThat(admin.get("/mgmt/tm/ltm/pool/~Common~dropped_pool").status()).isEqualTo(404);
    }

    @Test
    void statsOfAPoolCarryTheKeysBigipDeviceInfoReads() {
        admin.post("/mgmt/tm/ltm/pool", "{\"name\":\"stats_pool\",\"members\":[{\"name\":\"10.9.2.1:80\"}]}");

        JsonNode stats = admin.get("/mgmt/tm/ltm/pool/~Common~stats_pool/stats").body();
        JsonNode entries = stats.path("entries")
                .path("https://localhost/mgmt/tm/ltm/pool/~Common~stats_pool/~Common~stats_pool/stats")
                .path("nestedStats").path("entries");

        assertThat(stats.path("kind").asText()).isEqualTo("tm:ltm:pool:poolstats");
        assertThat(entries.path("serverside.curConns").path("value").asLong()).isZero();
        assertThat(entries.path("memberCnt").path("value").asLong()).isEqualTo(1);
        assertThat(entries.path("status.availabilityState").path("description").asText()).isNotEmpty();
        assertThat(entries.path("tmName").path("description").asText()).isEqualTo("/Common/stats_pool");
    }

    @Test
    void persistRecordsAreListedAsShowListsThem() {
        box.appliance().dataPlane().persistence().importRecords(List.of(new PersistRecord(PersistMode.SOURCE_ADDRESS,
                "10.1.1.1", "/Common/vs /Common/web", "/Common/vs", "10.1.10.100:80", "/Common/web",
                "/Common/10.1.20.11:80", "10.1.20.11", 80, "10.1.1.1", 3, 180)));

        JsonNode records = admin.get("/mgmt/tm/ltm/persistence/persist-records").body();
        JsonNode entries = records.path("entries").path("https://localhost/mgmt/tm/ltm/persistence/persist-records/0")
                .path("nestedStats").path("entries");

        assertThat(records.path("kind").asText()).isEqualTo("tm:ltm:persistence:persist-records:persist-recordsstats");
        assertThat(entries.path("mode").path("description").asText()).isEqualTo("source-address");
        assertThat(entries.path("persistenceValue").path("description").asText()).isEqualTo("10.1.1.1");
        assertThat(entries.path("virtualName").path("description").asText()).isEqualTo("/Common/vs");
        assertThat(entries.path("virtualAddr").path("description").asText()).isEqualTo("10.1.10.100");
        assertThat(entries.path("virtualPort").path("value").asInt()).isEqualTo(80);
        assertThat(entries.path("poolName").path("description").asText()).isEqualTo("/Common/web");
        assertThat(entries.path("nodeAddr").path("description").asText()).isEqualTo("10.1.20.11");
        assertThat(entries.path("nodePort").path("value").asInt()).isEqualTo(80);
        assertThat(entries.path("age").path("value").asLong()).isGreaterThanOrEqualTo(3);
        box.appliance().dataPlane().persistence().delete(r -> true);
    }

    private static byte[] pem(Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String sha1(byte[] content) throws java.security.NoSuchAlgorithmException {
        return "SHA1:" + content.length + ":" + java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(content));
    }
}
