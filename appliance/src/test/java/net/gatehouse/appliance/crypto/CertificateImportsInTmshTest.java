package net.gatehouse.appliance.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
 * Every tmsh way to import key material ({@code install sys crypto key|cert|pkcs12 ... from-local-file},
 * {@code create sys file ssl-key|ssl-cert ... source-path}) reads its file under the one rule of
 * {@code ImportSources}: from the upload folder and the host's scratch folders only, never the
 * appliance's data directory, links followed and checked; a refused import changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CertificateImportsInTmshTest {

    private static final String PLACES = "files are imported only from /var/config/rest/downloads/, /var/tmp/,"
            + " /shared/tmp/ or /tmp/ (not the appliance's data directory).";

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

    private static X509Certificate certificate(KeyPair pair, String name) throws Exception {
        return TestKeys.certificate(pair, name, CoreFixture.CLOCK.instant().minus(Duration.ofDays(1)), Duration.ofDays(90));
    }

    @Test
    void aKeyAndCertificateInTmpAreInstalledAndRecordWhereTheyCameFrom() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path key = Files.write(scratch.resolve("shop.key"), TestKeys.encryptedPkcs8(pair, "pw"));
        Path cert = Files.write(scratch.resolve("shop.crt"), TestKeys.pem(certificate(pair, "shop.example.com")));

        core.tmsh("install sys crypto key shop from-local-file " + key + " passphrase pw");
        core.tmsh("install sys crypto cert shop from-local-file " + cert);
        core.tmsh("create ltm profile client-ssl shop_ssl cert shop key shop");

        assertThat(core.tmsh("list sys file ssl-key shop")).contains("source-path file:" + key);
        assertThat(core.tmsh("list sys file ssl-cert shop")).contains("source-path file:" + cert);
        assertThat(core.appliance().crypto().slots().find("/Common/shop")).isPresent();
    }

    @Test
    void sourcePathAndUploadFolderNamesWorkForSysFileObjects() throws Exception {
        KeyPair pair = TestKeys.ec();
        Path uploads = Files.createDirectories(dataDir.resolve("rest/downloads"));
        Files.write(uploads.resolve("edge.key"), TestKeys.traditionalPem(pair));
        Path cert = Files.write(scratch.resolve("edge.crt"), TestKeys.pem(certificate(pair, "edge.example.com")));

        core.tmsh("create sys file ssl-key edge source-path file:/var/config/rest/downloads/edge.key");
        core.tmsh("create sys file ssl-cert edge source-path file://" + cert);

        assertThat(core.tmsh("list sys file ssl-key edge")).contains("source-path file:/var/config/rest/downloads/edge.key");
        assertThat(core.tmsh("list sys file ssl-cert edge")).contains("source-path file://" + cert);
    }

    @Test
    void modifyingTheSourcePathImportsTheNewFileUnderTheSameRule() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path first = Files.write(scratch.resolve("renew-1.crt"), TestKeys.pem(certificate(pair, "renew.example.com")));
        Path second = Files.write(scratch.resolve("renew-2.crt"), TestKeys.pem(certificate(pair, "renew2.example.com")));
        core.tmsh("create sys file ssl-cert renew source-path file:" + first);

        core.tmsh("modify sys file ssl-cert renew source-path file:" + second);

        assertThat(core.tmsh("list sys file ssl-cert renew")).contains("revision 2").contains("source-path file:" + second);
        assertThat(core.tmsh("show sys crypto cert renew")).contains("CN=renew2.example.com");
        assertThat(core.tmshError("modify sys file ssl-cert renew source-path file:/etc/passwd")).isEqualTo(
                "01070712:3: Values (file:/etc/passwd) specified for certificate (/Common/renew) property source-path: "
                        + PLACES);
        assertThat(core.tmshError("modify sys file ssl-key absent source-path file:" + second))
                .isEqualTo("01020036:3: The requested Key (/Common/absent) was not found.");
    }

    @Test
    void aPkcs12FileInstallsItsKeyAndCertificateInOneCommit() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path bundle = Files.write(scratch.resolve("site.p12"), TestKeys.pkcs12(pair, certificate(pair, "site.example.com"), "pw"));
        long before = core.generation();

        core.tmsh("install sys crypto pkcs12 site from-local-file " + bundle + " passphrase pw");

        assertThat(core.generation()).isEqualTo(before + 1);
        assertThat(core.tmsh("list sys file ssl-key site")).contains("source-path file:" + bundle);
        assertThat(core.tmsh("list sys file ssl-cert site")).contains("source-path file:" + bundle);
    }

    @Test
    void aPkcs12FileThatCannotBeOpenedChangesNothing() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path bundle = Files.write(scratch.resolve("locked.p12"), TestKeys.pkcs12(pair, certificate(pair, "locked.example.com"), "pw"));
        long before = core.generation();

        assertThat(core.tmshError("install sys crypto pkcs12 locked from-local-file " + bundle + " passphrase wrong"))
                .startsWith("01070313:3: The PKCS#12 file file:" + bundle + " cannot be installed as /Common/locked: ");

        assertThat(core.generation()).isEqualTo(before);
        assertThat(core.tmshError("list sys file ssl-key locked")).contains("was not found");
        assertThat(core.appliance().crypto().slots().find("/Common/locked")).isEmpty();
    }

    @Test
    void filesOutsideTheImportFoldersAreRefusedByEveryImportNamingObjectPropertyAndValue() throws Exception {
        long before = core.generation();

        assertThat(core.tmshError("install sys crypto cert stolen from-local-file /etc/passwd")).isEqualTo(
                "01070712:3: Values (/etc/passwd) specified for certificate (/Common/stolen) property from-local-file: "
                        + PLACES);
        assertThat(core.tmshError("install sys crypto key stolen from-local-file /tmp/../etc/shadow")).isEqualTo(
                "01070712:3: Values (/tmp/../etc/shadow) specified for key (/Common/stolen) property from-local-file: "
                        + PLACES);
        Path masterKey = dataDir.resolve("master.key");
        assertThat(core.tmshError("install sys crypto pkcs12 stolen from-local-file " + masterKey)).isEqualTo(
                "01070712:3: Values (" + masterKey + ") specified for PKCS#12 key and certificate (/Common/stolen)"
                        + " property from-local-file: " + PLACES);
        assertThat(core.tmshError("create sys file ssl-key stolen source-path file:/etc/ssl/private/box.key")).isEqualTo(
                "01070712:3: Values (file:/etc/ssl/private/box.key) specified for key (/Common/stolen) property"
                        + " source-path: " + PLACES);
        assertThat(core.tmshError("create sys file ssl-cert stolen source-path /var/tmp/site.crt")).isEqualTo(
                "01070712:3: Values (/var/tmp/site.crt) specified for certificate (/Common/stolen) property"
                        + " source-path: only a local file (file:/PATH) can be imported.");

        Path link = Files.createSymbolicLink(scratch.resolve("slots.json"), dataDir.resolve("keyslots.json"));
        assertThat(core.tmshError("install sys crypto key stolen from-local-file " + link))
                .startsWith("01070712:3: Values (" + link + ") specified for key (/Common/stolen) property"
                        + " from-local-file: the file leads outside /var/config/rest/downloads/");
        assertThat(core.tmshError("install sys crypto cert stolen from-local-file stolen.crt"))
                .endsWith("property from-local-file: it is not an absolute file path.");
        assertThat(core.tmshError("install sys crypto cert stolen from-local-file " + scratch.resolve("none.crt")))
                .endsWith("property from-local-file: there is no such file.");

        assertThat(core.generation()).isEqualTo(before);
        assertThat(core.tmshError("list sys file ssl-key stolen")).contains("was not found");
        assertThat(core.tmshError("list sys file ssl-cert stolen")).contains("was not found");
    }

    @Test
    void aFileThatHoldsNoCertificateIsRefusedAndNothingIsCreated() throws Exception {
        Path junk = Files.writeString(scratch.resolve("junk.crt"), "not a certificate\n");

        assertThat(core.tmshError("install sys crypto cert junk from-local-file " + junk))
                .startsWith("01070313:3: The certificate (/Common/junk) cannot be installed from file:" + junk + ": ");

        assertThat(core.tmshError("list sys file ssl-cert junk")).contains("was not found");
        assertThat(Files.exists(core.appliance().crypto().file(CryptoService.certCachePath("/Common/junk")))).isFalse();
    }

    @Test
    void aPrincipalWhoMayNotInstallIsRefusedBeforeTheFileIsRead() throws Exception {
        core.tmsh("create auth user carol password Carols-pass1 partition-access add { all-partitions { role guest } }");
        Path missing = scratch.resolve("never-written.key");

        TmshError refused = assertThrows(TmshError.class, () -> core.appliance()
                .tmsh(new Principal("carol", Principal.Origin.TMSH))
                .execute("install sys crypto key guarded from-local-file " + missing));

        assertThat(refused.getMessage()).startsWith("01070822:3: Access Denied: user (carol)")
                .doesNotContain("no such file");
    }

    @Test
    void aReplacementKeyThatCannotBeInstalledLeavesTheInstalledKeyInItsSlot() throws Exception {
        KeyPair installed = TestKeys.rsa();
        KeyPair replacement = TestKeys.rsa();
        Path first = Files.write(scratch.resolve("keep-1.key"), TestKeys.traditionalPem(installed));
        Path second = Files.write(scratch.resolve("keep-2.key"), TestKeys.traditionalPem(replacement));
        core.tmsh("install sys crypto key keep from-local-file " + first);
        long before = core.generation();
        // the slot handle cannot be written: its temporary file's name is taken by a directory
        Path handle = core.appliance().crypto().file(CryptoService.keyCachePath("/Common/keep"));
        Path blocker = Files.createDirectories(handle.resolveSibling(handle.getFileName() + ".tmp"));
        Files.write(blocker.resolve("in-the-way"), new byte[] {1});
        try {
            assertThat(core.tmshError("install sys crypto key keep from-local-file " + second))
                    .startsWith("01070712:3: The key (/Common/keep) cannot be installed: ");
        } finally {
            Files.delete(blocker.resolve("in-the-way"));
            Files.delete(blocker);
        }

        assertThat(core.generation()).isEqualTo(before);
        assertThat(core.appliance().crypto().slots().find("/Common/keep").orElseThrow().publicKey())
                .isEqualTo(installed.getPublic());
    }
}
