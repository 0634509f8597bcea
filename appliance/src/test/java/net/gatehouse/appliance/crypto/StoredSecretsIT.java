package net.gatehouse.appliance.crypto;

import static net.gatehouse.appliance.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.BodyCodec;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.store.ConfigStore;
import net.gatehouse.appliance.store.H2ConfigStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords and passphrases end to end: stored and saved only as {@code $M$} values, loaded on a box
 * with the same master key (where an http monitor still logs in with its password), refused on a box
 * with another, and re-encrypted when the master key changes.
 */
class StoredSecretsIT {

    private static final String PASSWORD = "Marker-Pw-51f0a";
    private static final String PASSPHRASE = "Marker-Pp-9d2c7";
    private static final String SHARED_KEY = "shared-master-key-pw";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Pattern STORED_PASSWORD = Pattern.compile("password (\\$M\\$\\S+)");

    @TempDir
    Path dir;

    private HttpServer backend;
    private String member;

    /** A backend that answers 200 only to {@code probe:PASSWORD} in Basic authorization, 401 otherwise. */
    @BeforeEach
    void startBackend() throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("probe:" + PASSWORD)
                .getBytes(StandardCharsets.ISO_8859_1));
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", exchange -> {
            boolean authorised = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorised ? "welcome" : "who are you").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(authorised ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        backend.start();
        member = InetAddress.getLoopbackAddress().getHostAddress() + ":" + backend.getAddress().getPort();
    }

    @AfterEach
    void stopBackend() {
        backend.stop(0);
    }

    private void createMonitoredPool(CoreFixture core) {
        core.tmsh("create ltm monitor http auth_http defaults-from http interval 1 timeout 3"
                + " send \"GET / HTTP/1.0\\r\\n\\r\\n\" recv \"200 OK\" username probe password " + PASSWORD);
        core.tmsh("create ltm monitor http wrong_http defaults-from http interval 1 timeout 3"
                + " send \"GET / HTTP/1.0\\r\\n\\r\\n\" recv \"200 OK\" username probe password not-it");
        core.tmsh("create ltm pool web members add { " + member + " } monitor auth_http");
        core.tmsh("create ltm pool wrong members add { " + member + " } monitor wrong_http");
    }

    private void awaitMember(CoreFixture core, String pool, Availability availability) {
        await(pool + " member " + availability, DEADLINE, () -> core.appliance().health()
                .member("/Common/" + pool, "/Common/" + member) == availability);
    }

    private static String storedPassword(CoreFixture core, String monitor) {
        Matcher matcher = STORED_PASSWORD.matcher(core.tmsh("list ltm monitor http " + monitor));
        assertThat(matcher.find()).as("list shows an encrypted password").isTrue();
        return matcher.group(1);
    }

    private static void copySavedFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("config"));
        for (String file : List.of("bigip.conf", "bigip_base.conf", "bigip_user.conf")) {
            Files.copy(from.resolve("config").resolve(file), to.resolve("config").resolve(file));
        }
    }

    @Test
    void theDatabaseAndTheSavedFilesHoldSecretsOnlyEncrypted() throws IOException {
        Path box = dir.resolve("box");
        try (CoreFixture core = CoreFixture.open(box)) {
            core.tmsh("create ltm monitor http auth_http username probe password " + PASSWORD);
            core.tmsh("create ltm persistence cookie enc cookie-encryption required cookie-encryption-passphrase "
                    + PASSPHRASE);
            String listed = core.tmsh("list ltm monitor http auth_http") + core.tmsh("list ltm monitor http auth_http"
                    + " all-properties") + core.tmsh("list ltm persistence cookie enc all-properties");
            assertThat(listed).contains("password $M$").contains("cookie-encryption-passphrase $M$")
                    .doesNotContain(PASSWORD).doesNotContain(PASSPHRASE);
            core.tmsh("save sys config");
        }
        assertThat(Files.readString(box.resolve("config/bigip.conf")))
                .contains("    password $M$").contains("    cookie-encryption-passphrase $M$");
        assertThat(box.resolve("config.mv.db")).exists();
        try (Stream<Path> files = Files.walk(box)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(PASSWORD).doesNotContain(PASSPHRASE);
            }
        }
    }

    @Test
    void aSavedConfigurationLoadsOnABoxWithTheSameMasterKeyAndItsMonitorStillLogsIn() throws IOException {
        Path first = dir.resolve("first");
        try (CoreFixture core = CoreFixture.open(first)) {
            core.tmsh("modify sys crypto master-key password " + SHARED_KEY);
            createMonitoredPool(core);
            core.tmsh("save sys config");
        }
        Path second = dir.resolve("second");
        try (CoreFixture core = CoreFixture.monitored(second)) {
            core.tmsh("modify sys crypto master-key password " + SHARED_KEY);
            copySavedFiles(first, second);
            core.tmsh("load sys config");
            awaitMember(core, "web", Availability.AVAILABLE);
            awaitMember(core, "wrong", Availability.OFFLINE);
        }
    }

    @Test
    void aValueFromABoxWithAnotherMasterKeyIsRefusedNamingObjectAndProperty() throws IOException {
        Path first = dir.resolve("first");
        try (CoreFixture core = CoreFixture.open(first)) {
            core.tmsh("create ltm monitor http auth_http username probe password " + PASSWORD);
            core.tmsh("save sys config");
        }
        Path other = dir.resolve("other");
        try (CoreFixture core = CoreFixture.open(other)) {
            long generation = core.generation();
            copySavedFiles(first, other);
            assertThat(core.tmshError("load sys config")).contains("password").contains("(/Common/auth_http)")
                    .contains("another master key");
            assertThat(core.generation()).isEqualTo(generation);
            assertThat(core.tmshError("list ltm monitor http auth_http")).contains("/Common/auth_http");
        }
    }

    @Test
    void changingTheMasterKeyReencryptsStoredSecretsAndTheMonitorStillLogsInAfterARestart() {
        try (CoreFixture core = CoreFixture.monitored(dir.resolve("box"))) {
            createMonitoredPool(core);
            awaitMember(core, "web", Availability.AVAILABLE);
            String before = storedPassword(core, "auth_http");

            core.tmsh("modify sys crypto master-key");
            String after = storedPassword(core, "auth_http");
            assertThat(after).isNotEqualTo(before);
            assertThat(core.tmsh("show sys crypto master-key")).doesNotContain("previous hash <>");
            assertThat(core.tmshError("modify ltm monitor http auth_http password " + before))
                    .contains("(/Common/auth_http)").contains("password");

            core.restart();
            assertThat(storedPassword(core, "auth_http")).isEqualTo(after);
            awaitMember(core, "web", Availability.AVAILABLE);
            awaitMember(core, "wrong", Availability.OFFLINE);
        }
    }

    @Test
    void aStoreWrittenWithSecretsInClearIsEncryptedAtBoot() {
        Path box = dir.resolve("box");
        try (ConfigStore store = H2ConfigStore.open(box)) {
            String body = BodyCodec.write(Body.texts("password", PASSWORD, "username", "probe"));
            store.commit(new ConfigStore.Commit(1, 0, "admin", "TMSH", "[]", "",
                    List.of(new ConfigStore.StoredObject("ltm monitor http", "/Common/legacy", body, 1)), List.of()));
        }
        try (CoreFixture core = CoreFixture.open(box)) {
            assertThat(storedPassword(core, "legacy")).doesNotContain(PASSWORD);
        }
        try (ConfigStore store = H2ConfigStore.open(box)) {
            assertThat(store.objects()).filteredOn(o -> o.fullPath().equals("/Common/legacy")).singleElement()
                    .satisfies(o -> assertThat(o.body()).contains("$M$").doesNotContain(PASSWORD));
        }
    }
}
