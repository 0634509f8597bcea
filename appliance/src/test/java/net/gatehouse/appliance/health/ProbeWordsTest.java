package net.gatehouse.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What probes send and how they name things: escapes, credentials, SNI, ciphers, addresses, durations. */
class ProbeWordsTest {

    private static MonitorSpec http(String send, Map<String, String> properties) {
        return new MonitorSpec("/Common/m", "http", MonitorTiming.ofSeconds(5, 16, 0, 0, false),
                MonitorSpec.unescape(send), Optional.empty(), Optional.empty(), properties, Map.of());
    }

    @Test
    void sendStringEscapesBecomeCharacters() {
        assertThat(MonitorSpec.unescape("GET / HTTP/1.0\\r\\n\\r\\n")).isEqualTo("GET / HTTP/1.0\r\n\r\n");
        assertThat(MonitorSpec.unescape("a\\tb\\\\c\\:")).isEqualTo("a\tb\\c\\:");
    }

    @Test
    void usernameAddsBasicAuthorizationAfterTheRequestLine() {
        MonitorSpec spec = http("GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n",
                Map.of("username", "ops", "password", "secret"));
        assertThat(StreamProbe.request(spec))
                .isEqualTo("GET / HTTP/1.1\r\nAuthorization: Basic b3BzOnNlY3JldA==\r\nHost: a\r\n\r\n");
        assertThat(StreamProbe.request(http("GET /\\r\\n", Map.of()))).isEqualTo("GET /\r\n");
    }

    @Test
    void sniComesFromTheHostHeaderElseTheAddress() {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", 443);
        assertThat(StreamProbe.sniHost(http("GET / HTTP/1.1\\r\\nhost: shop.example:8443\\r\\n\\r\\n", Map.of()),
                target)).isEqualTo("shop.example");
        assertThat(StreamProbe.sniHost(http("GET /\\r\\n", Map.of()), target)).isEqualTo("127.0.0.1");
    }

    @Test
    void cipherStringKeywordsKeepTheDefaultsAndNamedSuitesAreKept() {
        assertThat(TlsSettings.cipherNames("DEFAULT:+SHA:+3DES:+kEDH")).isEmpty();
        assertThat(TlsSettings.cipherNames("ECDHE-RSA-AES128-GCM-SHA256:!aNULL"))
                .containsExactly("ECDHE-RSA-AES128-GCM-SHA256");
    }

    @Test
    void externalMonitorsGetIpv4AddressesIpv6Mapped() {
        assertThat(ExternalProbe.mappedAddress(new InetSocketAddress("10.0.0.1", 80))).isEqualTo("::ffff:10.0.0.1");
        assertThat(ExternalProbe.mappedAddress(new InetSocketAddress("2001:db8::1", 80)))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void durationsReadAsBigIpLogsThem() {
        assertThat(Transitions.lasted(TimeUnit.SECONDS.toNanos(19))).isEqualTo("0hr:0min:19sec");
        assertThat(Transitions.lasted(TimeUnit.SECONDS.toNanos(97))).isEqualTo("0hr:1min:37sec");
        assertThat(Transitions.lasted(TimeUnit.SECONDS.toNanos(837 * 3600 + 31 * 60 + 36)))
                .isEqualTo("837hrs:31mins:36sec");
    }
}
