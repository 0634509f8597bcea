package net.gatehouse.appliance.dataplane;

import static net.gatehouse.appliance.dataplane.Loopback.ascii;
import static net.gatehouse.appliance.dataplane.Loopback.connect;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.gatehouse.appliance.CoreFixture;
import net.gatehouse.appliance.persist.BigipCookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cookie persistence on the L7 path end to end: real clients, an http virtual and real HTTP backends. */
class CookiePersistenceIT {

    private static final int PORT = 8080;
    private static final Pattern SET_COOKIE = Pattern.compile("(?im)^set-cookie: ([^\r\n]*)");

    @TempDir
    Path dir;

    private CoreFixture core;
    private final Map<String, HttpBackend> backends = new java.util.LinkedHashMap<>();
    private String vip;

    @BeforeEach
    void start() throws IOException {
        core = CoreFixture.open(dir);
        for (String name : List.of("one", "two", "three")) {
            backends.put(name, HttpBackend.start(name));
        }
        vip = Loopback.randomAddress();
        core.tmsh("create ltm pool web members add { " + String.join(" ",
                backends.values().stream().map(HttpBackend::member).toList()) + " }");
    }

    @AfterEach
    void stop() {
        core.close();
        backends.values().forEach(HttpBackend::close);
    }

    private void virtual(String persistProfile) {
        virtual(persistProfile, "");
    }

    private void virtual(String persistProfile, String more) {
        core.tmsh("create ltm virtual vs destination " + vip + ":" + PORT + " pool web profiles add { tcp http }"
                + " persist replace-all-with { " + persistProfile + " }" + more);
    }

    /** One request on a new connection, with the given Cookie header (or none). */
    private Answer get(String cookie) throws IOException {
        return get("/named", cookie);
    }

    private Answer get(String path, String cookie) throws IOException {
        try (Socket socket = connect(vip, PORT)) {
            socket.getOutputStream().write(ascii("GET " + path + " HTTP/1.1\r\nHost: a\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n"));
            String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(all).startsWith("HTTP/1.1 200");
            int split = all.indexOf("\r\n\r\n");
            Matcher m = SET_COOKIE.matcher(all.substring(0, split + 2));
            List<String> set = new ArrayList<>();
            while (m.find()) {
                set.add(m.group(1));
            }
            return new Answer(all.substring(split + 4), set);
        }
    }

    private record Answer(String member, List<String> setCookies) {
        Optional<String> setCookie() {
            return setCookies.stream().findFirst();
        }

        /** The {@code name=value} pair of the Set-Cookie (without its attributes). */
        String pair() {
            return setCookie().orElseThrow().split(";")[0];
        }
    }

    private int portOf(String member) {
        String address = backends.get(member).member();
        return Integer.parseInt(address.substring(address.indexOf(':') + 1));
    }

    @Test
    void theInsertedCookieNamesTheMemberThatAnsweredAndKeepsNewConnectionsOnIt() throws IOException {
        virtual("cookie");
        Answer first = get(null);
        assertThat(first.setCookie()).hasValueSatisfying(c -> assertThat(c).startsWith("BIGipServerweb=")
                .endsWith("; path=/; Httponly; Secure"));
        BigipCookie.Target target = BigipCookie.decode(first.pair().substring("BIGipServerweb=".length()))
                .orElseThrow();
        assertThat(target.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(portOf(first.member()));
        for (int i = 0; i < 30; i++) {
            Answer next = get("other=1; " + first.pair());
            assertThat(next.member()).isEqualTo(first.member());
            assertThat(next.setCookie()).as("no cookie is set when the request carried a valid one").isEmpty();
        }
    }

    @Test
    void connectionsWithoutTheCookieAreBalancedAndEachGetsOne() throws IOException {
        virtual("cookie");
        Set<String> members = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Answer answer = get(null);
            members.add(answer.member());
            assertThat(answer.setCookie()).isPresent();
            int port = BigipCookie.decode(answer.pair().substring("BIGipServerweb=".length())).orElseThrow().port();
            assertThat(port).isEqualTo(portOf(answer.member()));
        }
        assertThat(members).containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void aForcedOfflineMembersCookieIsRebalancedAndANewCookieSet() throws IOException {
        virtual("cookie");
        Answer first = get(null);
        core.tmsh("modify ltm pool web members modify { " + backends.get(first.member()).member()
                + " { state user-down } }");
        List<Answer> after = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            after.add(get(first.pair()));
        }
        for (Answer answer : after) {
            assertThat(answer.member()).isNotEqualTo(first.member());
            int port = BigipCookie.decode(answer.pair().substring("BIGipServerweb=".length())).orElseThrow().port();
            assertThat(port).isEqualTo(portOf(answer.member()));
        }
    }

    @Test
    void aDisabledDrainingMemberKeepsClientsThatCarryItsCookie() throws IOException {
        virtual("cookie");
        Answer first = get(null);
        core.tmsh("modify ltm pool web members modify { " + backends.get(first.member()).member()
                + " { session user-disabled } }");
        for (int i = 0; i < 5; i++) {
            assertThat(get(first.pair()).member()).isEqualTo(first.member());
            assertThat(get(null).member()).isNotEqualTo(first.member());
        }
    }

    @Test
    void theProfilesNameExpirationFlagsAndAlwaysSendShapeTheCookie() throws IOException {
        core.tmsh("create ltm persistence cookie ck cookie-name SRV expiration 1:0:0 httponly disabled"
                + " secure enabled always-send enabled");
        virtual("ck");
        Answer first = get(null);
        assertThat(first.setCookie().orElseThrow())
                .as("expires is an hour after the appliance's clock (CoreFixture.CLOCK, 08:00 UTC)")
                .matches("SRV=\\d+\\.\\d+\\.0000; expires=Sun, 29-Nov-2026 09:00:00 GMT; path=/; Secure");
        Answer again = get(first.pair());
        assertThat(again.member()).isEqualTo(first.member());
        assertThat(again.pair()).as("always-send sets it even when the request carried it").isEqualTo(first.pair());
    }

    @Test
    void passiveReadsTheCookieButNeverSetsOne() throws IOException {
        core.tmsh("create ltm persistence cookie pc method passive");
        virtual("pc");
        Answer first = get(null);
        assertThat(first.setCookie()).isEmpty();
        String pair = "BIGipServerweb=" + BigipCookie.encode(java.net.InetAddress.getLoopbackAddress(),
                portOf("two"));
        for (int i = 0; i < 5; i++) {
            Answer answer = get(pair);
            assertThat(answer.member()).isEqualTo("two");
            assertThat(answer.setCookie()).isEmpty();
        }
    }

    @Test
    void rewriteReplacesTheServersBlankCookieAndLeavesItsOthers() throws IOException {
        core.tmsh("create ltm persistence cookie rc method rewrite");
        virtual("rc");
        Answer first = get("/cookie/BIGipServerweb", null);
        assertThat(first.setCookies()).hasSize(2).contains("app=1");
        String rewritten = first.setCookies().stream().filter(c -> c.startsWith("BIGipServerweb=")).findFirst()
                .orElseThrow();
        int port = BigipCookie.decode(rewritten.split(";")[0].substring("BIGipServerweb=".length()))
                .orElseThrow().port();
        assertThat(port).isEqualTo(portOf(first.member()));
        assertThat(get("/named", null).setCookies()).as("nothing to rewrite when the server sets none").isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(get(rewritten.split(";")[0]).member()).isEqualTo(first.member());
        }
    }

    @Test
    void hashSendsEveryConnectionWithTheSameCookieValueToOneMemberAndSetsNothing() throws IOException {
        core.tmsh("create ltm persistence cookie hc method hash cookie-name JSESSIONID");
        virtual("hc");
        Set<String> members = new HashSet<>();
        for (int session = 0; session < 12; session++) {
            Answer first = get("JSESSIONID=s" + session);
            assertThat(first.setCookie()).isEmpty();
            for (int i = 0; i < 3; i++) {
                assertThat(get("JSESSIONID=s" + session).member()).isEqualTo(first.member());
            }
            members.add(first.member());
        }
        assertThat(members).as("different sessions hash onto different members").hasSizeGreaterThan(1);
    }

    @Test
    void withoutTheCookieTheFallbackPersistenceKeepsTheClientOnOneMember() throws IOException {
        virtual("cookie", " fallback-persistence source_addr");
        Answer first = get(null);
        for (int i = 0; i < 5; i++) {
            Answer next = get(null);
            assertThat(next.member()).isEqualTo(first.member());
            assertThat(next.setCookie()).as("a client without the cookie is given one").isPresent();
        }
        assertThat(core.appliance().dataPlane().persistence().list()).hasSize(1);
    }

    @Test
    void anEncryptedCookieRoundTripsToTheMemberThatAnswered() throws IOException {
        core.tmsh("create ltm persistence cookie enc cookie-encryption required cookie-encryption-passphrase s3cret");
        virtual("enc");
        Answer first = get(null);
        String value = first.pair().substring("BIGipServerweb=".length());
        assertThat(value).startsWith("!");
        assertThat(BigipCookie.decode(value)).as("the member is not readable from the cookie").isEmpty();
        for (int i = 0; i < 10; i++) {
            Answer next = get(first.pair());
            assertThat(next.member()).isEqualTo(first.member());
            assertThat(next.setCookie()).as("the encrypted cookie it carried is valid").isEmpty();
        }
    }

    @Test
    void anEncryptedCookieStaysValidAfterASaveAndLoadAMasterKeyChangeAndARestart() throws IOException {
        core.tmsh("create ltm persistence cookie enc cookie-encryption required cookie-encryption-passphrase s3cret");
        virtual("enc");
        Answer first = get(null);
        core.tmsh("save sys config");
        core.tmsh("load sys config");
        assertStillValid(first, "after the saved configuration is loaded");
        core.tmsh("modify sys crypto master-key");
        assertStillValid(first, "after the master key changed");
        core.restart();
        assertStillValid(first, "after a restart");
    }

    /** The cookie is honoured and not reissued: the passphrase read back from $M$ derives the same key. */
    private void assertStillValid(Answer first, String when) throws IOException {
        Answer next = get(first.pair());
        assertThat(next.member()).as(when).isEqualTo(first.member());
        assertThat(next.setCookie()).as("the encrypted cookie is still valid " + when).isEmpty();
    }

    @Test
    void requiredEncryptionIgnoresAPlainCookieAndIssuesAnEncryptedOne() throws IOException {
        core.tmsh("create ltm persistence cookie enc cookie-encryption required cookie-encryption-passphrase s3cret");
        virtual("enc");
        String plain = "BIGipServerweb=" + BigipCookie.encode(java.net.InetAddress.getLoopbackAddress(),
                portOf("two"));
        Set<String> members = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Answer answer = get(plain);
            members.add(answer.member());
            assertThat(answer.pair()).startsWith("BIGipServerweb=!");
        }
        assertThat(members).as("the plain cookie naming two is not honoured; connections are balanced")
                .containsExactlyInAnyOrder("one", "two", "three");
    }

    @Test
    void preferredEncryptionHonoursAPlainCookieAndReissuesItEncrypted() throws IOException {
        core.tmsh("create ltm persistence cookie enc cookie-encryption preferred cookie-encryption-passphrase s3cret");
        virtual("enc");
        String plain = "BIGipServerweb=" + BigipCookie.encode(java.net.InetAddress.getLoopbackAddress(),
                portOf("two"));
        for (int i = 0; i < 5; i++) {
            Answer answer = get(plain);
            assertThat(answer.member()).isEqualTo("two");
            assertThat(answer.pair()).startsWith("BIGipServerweb=!");
            assertThat(get(answer.pair()).member()).isEqualTo("two");
        }
    }

    @Test
    void encryptionWithoutAPassphraseIsRefusedNamingTheProfile() {
        assertThat(core.tmshError("create ltm persistence cookie enc cookie-encryption required"))
                .contains("/Common/enc").contains("cookie-encryption-passphrase");
    }

    @Test
    void thePassphraseIsNeverListedOrReturnedInClear() {
        core.tmsh("create ltm persistence cookie enc cookie-encryption required cookie-encryption-passphrase s3cret");
        assertThat(core.tmsh("list ltm persistence cookie enc")).contains("cookie-encryption-passphrase $M$")
                .doesNotContain("s3cret");
        assertThat(core.tmsh("list ltm persistence cookie enc all-properties")).doesNotContain("s3cret");
        var snapshot = core.appliance().snapshot();
        var object = snapshot.find(net.gatehouse.appliance.schema.Family.PERSISTENCE, "/Common/enc").orElseThrow();
        assertThat(new net.gatehouse.appliance.syntax.IcontrolJson(snapshot, "localhost").write(object, false)
                .toString()).doesNotContain("s3cret").contains("\"cookieEncryptionPassphrase\":\"$M$");
    }
}
