package net.gatehouse.appliance.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BIG-IP's cookie encoding, checked against the examples F5 documents in K6917. */
class BigipCookieTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4MembersEncodeAsF5Documents() throws UnknownHostException {
        assertThat(BigipCookie.encode(ip("10.1.1.100"), 80)).isEqualTo("1677787402.20480.0000");
        assertThat(BigipCookie.encode(ip("10.1.1.100"), 8080)).isEqualTo("1677787402.36895.0000");
        assertThat(BigipCookie.decode("1677787402.20480.0000"))
                .contains(new BigipCookie.Target(ip("10.1.1.100"), 80, 0));
        assertThat(BigipCookie.decode("1677787402.36895.0000"))
                .contains(new BigipCookie.Target(ip("10.1.1.100"), 8080, 0));
    }

    @Test
    void ipv4MembersInARouteDomainEncodeAsF5Documents() throws UnknownHostException {
        assertThat(BigipCookie.encode(ip("192.0.2.1"), 80, 5)).isEqualTo("rd5o00000000000000000000ffffc0000201o80");
        assertThat(BigipCookie.decode("rd5o00000000000000000000ffffc0000201o80"))
                .contains(new BigipCookie.Target(ip("192.0.2.1"), 80, 5));
    }

    @Test
    void ipv6MembersEncodeAsF5Documents() throws UnknownHostException {
        assertThat(BigipCookie.encode(ip("2001:112::30"), 80)).isEqualTo("vi20010112000000000000000000000030.20480");
        assertThat(BigipCookie.decode("vi20010112000000000000000000000030.20480"))
                .contains(new BigipCookie.Target(ip("2001:112::30"), 80, 0));
        assertThat(BigipCookie.encode(ip("2001:112::30"), 80, 3)).isEqualTo("rd3o20010112000000000000000000000030o80");
        assertThat(BigipCookie.decode("rd3o20010112000000000000000000000030o80"))
                .contains(new BigipCookie.Target(ip("2001:112::30"), 80, 3));
    }

    @Test
    void everyAddressAndPortRoundTrips() throws UnknownHostException {
        for (String address : new String[] {"0.0.0.0", "255.255.255.255", "172.16.102.101", "::1", "fe80::1"}) {
            for (int port : new int[] {0, 1, 443, 65535}) {
                for (int rd : new int[] {0, 7}) {
                    assertThat(BigipCookie.decode(BigipCookie.encode(ip(address), port, rd)))
                            .contains(new BigipCookie.Target(ip(address), port, rd));
                }
            }
        }
    }

    @Test
    void valuesInNoBigIpFormDecodeToNothing() {
        for (String value : new String[] {"", "abc", "1677787402.20480", "4294967296.20480.0000",
                "1677787402.70000.0000", "vi2001.80", "rd1o00o80"}) {
            assertThat(BigipCookie.decode(value)).as(value).isEmpty();
        }
    }

    @Test
    void theDefaultNameIsBigIpServerAndThePool() {
        assertThat(BigipCookie.defaultName("/Common/web_pool")).isEqualTo("BIGipServerweb_pool");
        assertThat(BigipCookie.defaultName("/Tenant/app/web")).isEqualTo("BIGipServer~Tenant~app~web");
    }

    private static CookiePersistence cookie(String method, long expiration, boolean alwaysSend) {
        return cookie(method, expiration, alwaysSend, "disabled", Optional.empty());
    }

    private static CookiePersistence cookie(String method, long expiration, boolean alwaysSend, String encryption,
            Optional<String> passphrase) {
        PersistProfile profile = new PersistProfile("/Common/cookie", PersistMode.COOKIE, 180, Optional.empty(),
                false, false, false, false, false, Optional.of(new PersistProfile.CookieSettings(Optional.empty(),
                        expiration, true, true, alwaysSend, method, encryption, passphrase.map(CookieCipher::of))),
                Optional.empty());
        return CookiePersistence.of(profile, "/Common/web", 0,
                Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void insertSetsTheEncodedMemberAndChooseReadsItBack() throws UnknownHostException {
        CookiePersistence insert = cookie("insert", 0, false);
        InetSocketAddress member = new InetSocketAddress(ip("10.1.1.100"), 80);
        assertThat(insert.insert(member, false))
                .contains("BIGipServerweb=1677787402.20480.0000; path=/; Httponly; Secure");
        assertThat(insert.choose("session=x; BIGipServerweb=1677787402.20480.0000"))
                .contains(new BigipCookie.Target(ip("10.1.1.100"), 80, 0));
        assertThat(insert.insert(member, true)).as("the client already has it").isEmpty();
        assertThat(cookie("insert", 0, true).insert(member, true)).as("always-send").isPresent();
        assertThat(cookie("insert", 3600, false).insert(member, false)).hasValueSatisfying(
                v -> assertThat(v).contains("; expires=Sun, 29-Nov-2026 09:00:00 GMT; path=/"));
    }

    @Test
    void passiveOnlyReadsAndHashOnlyGivesAKey() {
        assertThat(cookie("passive", 0, false).insert(new InetSocketAddress("10.1.1.100", 80), false)).isEmpty();
        CookiePersistence hash = cookie("hash", 0, false);
        assertThat(hash.choose("BIGipServerweb=1677787402.20480.0000")).isEmpty();
        assertThat(hash.hashKey("BIGipServerweb=user-42")).contains("user-42");
    }

    @Test
    void requiredEncryptionIssuesEncryptedCookiesAndHonoursOnlyThem() throws UnknownHostException {
        CookiePersistence required = cookie("insert", 0, false, "required", Optional.of("s3cret"));
        InetSocketAddress member = new InetSocketAddress(ip("10.1.1.100"), 80);
        String set = required.insert(member, false).orElseThrow();
        assertThat(set).startsWith("BIGipServerweb=!").doesNotContain("1677787402");
        String encrypted = set.substring("BIGipServerweb=".length(), set.indexOf(';'));
        assertThat(required.choose("BIGipServerweb=" + encrypted)).contains(new BigipCookie.Target(ip("10.1.1.100"), 80, 0));
        assertThat(required.inIssuedForm("BIGipServerweb=" + encrypted)).isTrue();
        assertThat(required.choose("BIGipServerweb=1677787402.20480.0000")).as("a plain cookie").isEmpty();
        assertThat(required.inIssuedForm("BIGipServerweb=1677787402.20480.0000")).isFalse();
        assertThat(cookie("insert", 0, false, "required", Optional.of("other")).choose("BIGipServerweb=" + encrypted))
                .as("another passphrase").isEmpty();
    }

    @Test
    void preferredEncryptionIssuesEncryptedCookiesButStillReadsPlainOnes() throws UnknownHostException {
        CookiePersistence preferred = cookie("insert", 0, false, "preferred", Optional.of("s3cret"));
        assertThat(preferred.insert(new InetSocketAddress(ip("10.1.1.100"), 80), false).orElseThrow())
                .startsWith("BIGipServerweb=!");
        assertThat(preferred.choose("BIGipServerweb=1677787402.20480.0000"))
                .contains(new BigipCookie.Target(ip("10.1.1.100"), 80, 0));
        assertThat(preferred.inIssuedForm("BIGipServerweb=1677787402.20480.0000"))
                .as("a plain cookie is issued again, encrypted").isFalse();
    }
}
