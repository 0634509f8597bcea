package net.gatehouse.appliance.datagroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.HostTmp;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.tmsh.TmshError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code create|modify sys file data-group NAME type T source-path file:/PATH} end to end in tmsh: the
 * file is read and checked as a REST import reads it, the object records BIG-IP's checksum, size and
 * revision, and a missing file, a bad line or a file outside the import folders changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataGroupFilesInTmshTest {

    private Path scratch;
    private Path dataDir;
    private CoreFixture core;

    @BeforeAll
    void open(@TempDir(factory = HostTmp.class) Path files, @TempDir(factory = HostTmp.class) Path data) {
        scratch = files;
        dataDir = data;
        core = CoreFixture.open(dataDir);
    }

    @AfterAll
    void close() {
        core.close();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(scratch.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void aFileInTmpIsImportedAndListedWithBigipsChecksumSizeAndRevision() throws IOException {
        String text = "host 10.0.0.1 := web,\nnetwork 10.1.0.0/16 := lab,\n";
        Path file = write("hosts.txt", text);

        core.tmsh("create sys file data-group hosts type ip source-path file:" + file);

        assertThat(core.tmsh("list sys file data-group hosts")).isEqualTo("sys file data-group hosts {\n"
                + "    checksum SHA1:" + text.length() + ":" + sha1(text) + "\n"
                + "    size " + text.length() + "\n"
                + "    source-path file:" + file + "\n"
                + "    type ip\n"
                + "}\n");
    }

    @Test
    void modifyingTheSourcePathImportsTheNewFileAndBumpsTheRevision() throws IOException {
        Path first = write("codes-1", "\"200\" := \"ok\",\n");
        core.tmsh("create sys file data-group codes type integer source-path file:" + first);
        String text = "200 := ok,\n404 := missing,\n";
        Path second = write("codes-2", text);

        core.tmsh("modify sys file data-group codes source-path file:" + second);

        String listed = core.tmsh("list sys file data-group codes");
        assertThat(listed).contains("checksum SHA1:" + text.length() + ":" + sha1(text), "revision 2",
                "size " + text.length(), "source-path file:" + second, "type integer");
        Files.writeString(second, "200 := ok,\n");
        core.tmsh("modify sys file data-group codes source-path file://" + second);
        assertThat(core.tmsh("list sys file data-group codes")).contains("revision 3", "size 11");
    }

    @Test
    void aMissingFileIsRefusedNamingTheObjectThePropertyAndThePathAndNothingIsCreated() {
        Path missing = scratch.resolve("no-such-file");

        assertThat(core.tmshError("create sys file data-group gone type string source-path file:" + missing))
                .isEqualTo("01070712:3: Values (file:" + missing + ") specified for data group file (/Common/gone)"
                        + " property source-path: there is no such file.");
        assertThat(core.tmshError("list sys file data-group gone"))
                .isEqualTo("01020036:3: The requested Data Group File (/Common/gone) was not found.");
    }

    @Test
    void aBadLineIsRefusedNamingTheLineAndTheFileKeepsWhatItHad() throws IOException {
        Path good = write("ports", "80 := http,\n");
        core.tmsh("create sys file data-group ports type integer source-path file:" + good);
        String before = core.tmsh("list sys file data-group ports");
        long generation = core.generation();
        Path bad = write("ports-bad", "443 := https,\nssh := 22,\n");

        assertThat(core.tmshError("modify sys file data-group ports source-path file:" + bad))
                .isEqualTo("01070712:3: Values (ssh := 22,) specified for data group file (/Common/ports): line 2 of"
                        + " source-path file:" + bad + ": the key of an integer record must be a number.");
        assertThat(core.tmsh("list sys file data-group ports")).isEqualTo(before);
        assertThat(core.generation()).isEqualTo(generation);
    }

    @Test
    void anUploadIsImportedByTheNameRestClientsGiveIt() throws IOException {
        Path uploads = Files.createDirectories(dataDir.resolve("rest").resolve("downloads"));
        Files.writeString(uploads.resolve("names"), "\"alpha\" := \"one\",\n");

        core.tmsh("create sys file data-group names source-path file:/var/config/rest/downloads/names");

        assertThat(core.tmsh("list sys file data-group names"))
                .contains("size 18", "source-path file:/var/config/rest/downloads/names", "type string");
    }

    @Test
    void filesOutsideTheImportFoldersAreNotRead() throws IOException {
        String outside = "01070712:3: Values (%s) specified for data group file (/Common/f) property source-path:"
                + " files are imported only from /var/config/rest/downloads/, /var/tmp/, /shared/tmp/ or /tmp/"
                + " (not the appliance's data directory).";
        assertThat(core.tmshError("create sys file data-group f source-path file:/etc/passwd"))
                .isEqualTo(outside.formatted("file:/etc/passwd"));
        assertThat(core.tmshError("create sys file data-group f source-path file:/tmp/../etc/passwd"))
                .isEqualTo(outside.formatted("file:/tmp/../etc/passwd"));
        Path stored = Files.writeString(dataDir.resolve("inside.txt"), "secret,\n");
        assertThat(core.tmshError("create sys file data-group f source-path file:" + stored))
                .isEqualTo(outside.formatted("file:" + stored));

        Path link = Files.createSymbolicLink(scratch.resolve("link"), stored);
        assertThat(core.tmshError("create sys file data-group f source-path file:" + link))
                .contains("property source-path: the file leads outside /var/config/rest/downloads/");
        assertThat(core.tmshError("create sys file data-group f source-path http://10.0.0.1/f"))
                .contains("property source-path: only a local file (file:/PATH) can be imported.");
        assertThat(core.tmshError("list sys file data-group f")).contains("was not found");
    }

    @Test
    void aPrincipalWhoMayNotCreateTheFileIsRefusedBeforeTheFileIsRead() throws IOException {
        core.tmsh("create auth user bob password Bobs-pass1 partition-access add { all-partitions { role guest } }");
        Path bad = write("bad", "first line of something private\n");

        TmshError refused = assertThrows(TmshError.class, () -> core.appliance()
                .tmsh(new Principal("bob", Principal.Origin.TMSH))
                .execute("create sys file data-group guarded source-path file:" + bad));

        assertThat(refused.getMessage()).startsWith("01070822:3: Access Denied: user (bob)")
                .doesNotContain("private").doesNotContain("line 1");
        assertThat(core.tmshError("list sys file data-group guarded")).contains("was not found");
    }

    @Test
    void anImportInACliTransactionIsCommittedWithTheExternalDataGroupThatNamesIt() throws IOException {
        Path file = write("tx-hosts", "host 10.0.0.9,\n");
        core.tmsh("create cli transaction");
        core.tmsh("create sys file data-group tx_hosts_file type ip source-path file:" + file);
        core.tmsh("create ltm data-group external tx_hosts external-file-name tx_hosts_file");
        core.tmsh("submit cli transaction");

        assertThat(core.tmsh("list sys file data-group tx_hosts_file")).contains("size 15");
        assertThat(core.tmsh("list ltm data-group external tx_hosts")).contains("external-file-name tx_hosts_file");
    }

    @Test
    void aSavedConfigurationWithAnImportedFileLoadsWithoutReadingTheFileAgain() throws IOException {
        Path file = write("saved-hosts", "host 10.0.0.9,\n");
        core.tmsh("create sys file data-group saved_hosts type ip source-path file:" + file);
        String imported = core.tmsh("list sys file data-group saved_hosts");
        core.tmsh("save sys config");
        Files.delete(file);

        core.tmsh("load sys config");

        assertThat(core.tmsh("list sys file data-group saved_hosts")).isEqualTo(imported);
    }

    @Test
    void aDataGroupFileIsNotCreatedWithoutASourcePath() {
        String required = "01070712:3: data group file (/Common/empty) requires source-path: a data group file is"
                + " created by importing a file (source-path file:/PATH); files are imported only from"
                + " /var/config/rest/downloads/, /var/tmp/, /shared/tmp/ or /tmp/ (not the appliance's data directory).";

        assertThat(core.tmshError("create sys file data-group empty type string")).isEqualTo(required);
        assertThat(core.tmshError("create sys file data-group empty type string source-path none")).isEqualTo(required);
        assertThat(core.tmshError("list sys file data-group empty")).contains("was not found");
    }

    @Test
    void aConfigurationFileWithDataGroupFileStanzasLoadsWithOrWithoutASourcePath() throws IOException {
        Path conf = write("exported.conf", "sys file data-group /Common/exported_hosts {\n"
                + "    checksum SHA1:15:0123456789abcdef0123456789abcdef01234567\n"
                + "    revision 3\n"
                + "    size 15\n"
                + "    source-path file:/var/tmp/gone-long-ago\n"
                + "    type ip\n"
                + "}\n"
                + "sys file data-group /Common/bare_codes {\n"
                + "    type integer\n"
                + "}\n");

        core.tmsh("load sys config merge file " + conf);

        assertThat(core.tmsh("list sys file data-group exported_hosts")).contains("revision 3")
                .contains("source-path file:/var/tmp/gone-long-ago");
        assertThat(core.tmsh("list sys file data-group bare_codes")).isEqualTo("sys file data-group bare_codes {\n"
                + "    type integer\n"
                + "}\n");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
