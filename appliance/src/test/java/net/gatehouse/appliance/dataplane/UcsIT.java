package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.Await.await;
import static net.gatehouse.appliance.dataplane.Loopback.readLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import net.gatehouse.appliance.CoreFixture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UCS archives end to end: a TLS virtual configured on one appliance, saved with a passphrase, carried
 * as a file to a fresh appliance in another directory (with its own master key) and loaded there,
 * where a real TLS client through the virtual sees the same certificates and a real backend answers.
 */
class UcsIT {

    private static final int PORT = 443;
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path dir;

    private TestBackend backend;
    private String vip;
    private TlsMaterial shop;
    private Path transfer;

    @BeforeEach
    void start() throws Exception {
        backend = TestBackend.start("app-backend");
        vip = Loopback.randomAddress();
        shop = TlsMaterial.selfSigned("shop.example.com");
        transfer = Files.createDirectories(dir.resolve("transfer"));
    }

    @AfterEach
    void stop() throws IOException {
        backend.close();
    }

    /** What appliance A had: its archive (copied out), its master key and the generated certificate. */
    private record Saved(Path archive, byte[] masterKey, X509Certificate generated) {
    }

    private Saved saveOnA(Optional<String> passphrase) throws Exception {
        Path key = transfer.resolve("shop.key");
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(shop.keys().getPrivate(), null));
        }
        Files.writeString(key, pem.toString(), StandardCharsets.US_ASCII);
        Path certificate = shop.writePem(transfer, "shop");
        try (CoreFixture a = CoreFixture.open(dir.resolve("a"))) {
            a.tmsh("install sys crypto key shop from-local-file " + key);
            a.tmsh("install sys crypto cert shop from-local-file " + certificate);
            a.tmsh("create sys crypto key gen key-type ec-private gen-certificate common-name gen.example.com");
            a.tmsh("create ltm pool web members add { " + backend.member() + " }");
            a.tmsh("create ltm profile client-ssl shop cert-key-chain replace-all-with { shop { cert shop key shop } }"
                    + " server-name shop.example.com sni-default true");
            a.tmsh("create ltm profile client-ssl gen cert-key-chain replace-all-with { gen { cert gen key gen } }"
                    + " server-name gen.example.com");
            a.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp shop gen }");
            await("A serves shop.example.com", Duration.ofSeconds(5), () -> served("shop.example.com").isPresent());
            X509Certificate generated = served("gen.example.com").orElseThrow().certificate();

            String saved = a.tmsh("save sys ucs clone" + passphrase.map(p -> " passphrase \"" + p + "\"").orElse(""));
            assertThat(saved).isEqualTo("Saving active configuration...\n/var/local/ucs/clone.ucs is saved.\n");
            Path copy = Files.copy(dir.resolve("a/ucs/clone.ucs"), transfer.resolve("clone.ucs"));
            byte[] master = Base64.getDecoder().decode(Files.readString(dir.resolve("a/master.key")).strip());
            return new Saved(copy, master, generated);
        }
    }

    @Test
    void aUcsSavedWithAPassphraseRestoresTlsServiceOnAFreshAppliance() throws Exception {
        Saved saved = saveOnA(Optional.of(PASSPHRASE));
        try (CoreFixture b = CoreFixture.open(dir.resolve("b"))) {
            String freshMasterKey = b.tmsh("show sys crypto master-key");
            String loaded = b.tmsh("load sys ucs " + saved.archive() + " passphrase \"" + PASSPHRASE + "\" no-license");
            assertThat(loaded).endsWith(saved.archive() + " is loaded.\n");
            assertThat(b.tmsh("show sys crypto master-key")).as("A's master key replaced B's")
                    .isNotEqualTo(freshMasterKey);
            assertThat(Base64.getDecoder().decode(Files.readString(dir.resolve("b/master.key")).strip()))
                    .isEqualTo(saved.masterKey());

            await("B serves shop.example.com", Duration.ofSeconds(5), () -> served("shop.example.com").isPresent());
            Seen seenShop = served("shop.example.com").orElseThrow();
            assertThat(seenShop.certificate()).isEqualTo(shop.certificate());
            assertThat(seenShop.greeting()).isEqualTo("app-backend");
            Seen seenGen = served("gen.example.com").orElseThrow();
            assertThat(seenGen.certificate()).as("the key generated in A's slot serves on B")
                    .isEqualTo(saved.generated());
            assertThat(seenGen.greeting()).isEqualTo("app-backend");
        }
    }

    @Test
    void theArchiveHoldsNoPrivateKeyAndWithAPassphraseNoMasterKeyInClear() throws Exception {
        Saved saved = saveOnA(Optional.of(PASSPHRASE));
        Map<String, byte[]> entries = entries(saved.archive());
        assertThat(entries).containsKeys("config/bigip.conf", "config/bigip_base.conf",
                "config/bigip/kstore/master", "config/bigip/kstore/keyslots.json");
        assertThat(entries.keySet()).anyMatch(name -> name.startsWith("config/filestore/files_d/Common_d/certificate_d/"));
        byte[] tar = gunzip(saved.archive());
        byte[] pkcs8 = shop.keys().getPrivate().getEncoded();
        assertThat(indexOf(tar, "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII))).isNegative();
        assertThat(indexOf(tar, pkcs8)).isNegative();
        assertThat(indexOf(tar, Base64.getEncoder().encode(pkcs8))).isNegative();
        assertThat(indexOf(tar, saved.masterKey())).isNegative();
        assertThat(indexOf(tar, Base64.getEncoder().encode(saved.masterKey()))).isNegative();
        assertThat(new String(entries.get("config/bigip/kstore/master"), StandardCharsets.UTF_8))
                .contains("\"protection\":\"passphrase\"");
    }

    @Test
    void withoutAPassphraseTheMasterKeyTravelsInClearButNoPrivateKeyDoes() throws Exception {
        Saved saved = saveOnA(Optional.empty());
        byte[] tar = gunzip(saved.archive());
        assertThat(indexOf(tar, shop.keys().getPrivate().getEncoded())).isNegative();
        assertThat(indexOf(tar, "PRIVATE KEY".getBytes(StandardCharsets.US_ASCII))).isNegative();
        assertThat(indexOf(tar, Base64.getEncoder().encode(saved.masterKey()))).as("as BIG-IP keeps it").isPositive();
        try (CoreFixture b = CoreFixture.open(dir.resolve("b"))) {
            b.tmsh("load sys ucs " + saved.archive());
            await("B serves shop.example.com", Duration.ofSeconds(5), () -> served("shop.example.com").isPresent());
        }
    }

    @Test
    void aWrongOrMissingPassphraseIsRefusedAndNothingChanges() throws Exception {
        Saved saved = saveOnA(Optional.of(PASSPHRASE));
        try (CoreFixture b = CoreFixture.open(dir.resolve("b"))) {
            b.tmsh("create ltm pool keep");
            State before = State.of(b, dir.resolve("b"));
            assertThat(b.tmshError("load sys ucs " + saved.archive() + " passphrase wrong"))
                    .contains("The passphrase is incorrect");
            assertThat(b.tmshError("load sys ucs " + saved.archive()))
                    .contains("a passphrase is required");
            assertThat(State.of(b, dir.resolve("b"))).isEqualTo(before);
            assertThat(served("shop.example.com")).isEmpty();
        }
    }

    @Test
    void aCorruptArchiveIsRefusedAndNothingChanges() throws Exception {
        Saved saved = saveOnA(Optional.of(PASSPHRASE));
        byte[] whole = Files.readAllBytes(saved.archive());
        Path truncated = Files.write(transfer.resolve("truncated.ucs"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Path garbage = Files.writeString(transfer.resolve("garbage.ucs"), "not an archive");
        try (CoreFixture b = CoreFixture.open(dir.resolve("b"))) {
            State before = State.of(b, dir.resolve("b"));
            assertThat(b.tmshError("load sys ucs " + truncated + " passphrase \"" + PASSPHRASE + "\""))
                    .contains("is not a valid UCS archive");
            assertThat(b.tmshError("load sys ucs " + garbage)).contains("is not a valid UCS archive");
            assertThat(State.of(b, dir.resolve("b"))).isEqualTo(before);
        }
    }

    @Test
    void aConfigurationTheCommitRefusesPutsTheKeysAndFilesBack() throws Exception {
        Saved saved = saveOnA(Optional.of(PASSPHRASE));
        Map<String, byte[]> entries = new LinkedHashMap<>(entries(saved.archive()));
        String conf = new String(entries.get("config/bigip.conf"), StandardCharsets.UTF_8);
        String refusing = conf.replaceAll("(?m)^(\\s+pool )\\S+$", "$1/Common/missing");
        assertThat(refusing).isNotEqualTo(conf);
        entries.put("config/bigip.conf", refusing.getBytes(StandardCharsets.UTF_8));
        Path broken = transfer.resolve("broken.ucs");
        write(broken, entries);
        try (CoreFixture b = CoreFixture.open(dir.resolve("b"))) {
            State before = State.of(b, dir.resolve("b"));
            assertThat(b.tmshError("load sys ucs " + broken + " passphrase \"" + PASSPHRASE + "\""))
                    .contains("nothing was changed").contains("/Common/missing");
            assertThat(State.of(b, dir.resolve("b"))).isEqualTo(before);
            assertThat(Files.exists(dir.resolve("b/config/filestore/files_d/Common_d/certificate_d/:Common:shop")))
                    .as("restored files are removed again").isFalse();
        }
    }

    /** What a refused load must leave as it was: configuration, master key, slots, saved files. */
    private record State(long generation, String masterKey, String slots, String pools) {
        static State of(CoreFixture core, Path data) throws IOException {
            return new State(core.generation(), core.tmsh("show sys crypto master-key"),
                    Files.readString(data.resolve("keyslots.json")), core.tmsh("list ltm pool"));
        }
    }

    // ------------------------------------------------------------------ clients and archives

    private record Seen(String greeting, X509Certificate certificate) {
    }

    private Optional<Seen> served(String sni) {
        try (SSLSocket socket = (SSLSocket) TlsMaterial.anyServer().getSocketFactory().createSocket()) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(vip, PORT), 5_000);
            socket.startHandshake();
            String greeting = readLine(socket.getInputStream());
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return greeting == null ? Optional.empty() : Optional.of(new Seen(greeting, leaf));
        } catch (IOException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gunzip(Path archive) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(archive))) {
            return in.readAllBytes();
        }
    }

    private static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(Files.newInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                tar.transferTo(bytes);
                entries.put(entry.getName(), bytes.toByteArray());
            }
        }
        return entries;
    }

    private static void write(Path archive, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
                header.setSize(entry.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
