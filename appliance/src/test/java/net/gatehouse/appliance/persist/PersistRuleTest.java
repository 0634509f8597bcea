package net.gatehouse.appliance.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.gatehouse.appliance.persist.irule.PersistRule;
import net.gatehouse.appliance.persist.irule.TclWords;
import net.gatehouse.appliance.persist.irule.UniversalKey;
import org.junit.jupiter.api.Test;

class PersistRuleTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.1.1.7", 40000);
    private static final InetSocketAddress VIP = new InetSocketAddress("10.1.10.100", 80);

    private static PersistContext request(String uri, Map<String, String> headers) {
        PersistContext.RequestFacts facts = new PersistContext.RequestFacts() {
            public String uri() {
                return uri;
            }

            public Optional<String> header(String name) {
                return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue).findFirst();
            }

            public Optional<String> cookie(String name) {
                return name.equals("JSESSIONID") ? Optional.of("abc123") : Optional.empty();
            }
        };
        return new PersistContext(CLIENT, VIP, Optional.empty(), Optional.of(facts));
    }

    private static Optional<String> key(String rule, PersistContext context) {
        return PersistRule.read(rule).key().orElseThrow().key(context).map(UniversalKey.Key::value);
    }

    @Test
    void theTokenizerKeepsBracesQuotesAndSubstitutionsAsWords() {
        var commands = TclWords.commands("# a comment\nwhen HTTP_REQUEST priority 10 {\n persist uie "
                + "[string tolower [HTTP::header \"X-User\"]] 600 ; log local0. \"a [b] c\"\n}");
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0)).extracting(TclWords.Word::text)
                .containsExactly("when", "HTTP_REQUEST", "priority", "10",
                        "\n persist uie [string tolower [HTTP::header \"X-User\"]] 600 ; log local0. \"a [b] c\"\n");
        var body = TclWords.commands(commands.get(0).get(4).text());
        assertThat(body).hasSize(2);
        assertThat(body.get(0).get(2).isSubstitution()).isTrue();
        assertThat(body.get(1).get(2).text()).isEqualTo("a [b] c");
    }

    @Test
    void aHeaderValueIsTheKeyWithTheStatementsTimeout() {
        String rule = "when HTTP_REQUEST {\n  persist uie [HTTP::header value X-User] 600\n}";
        var reading = PersistRule.read(rule);
        assertThat(reading.unsupported()).isEmpty();
        var key = reading.key().orElseThrow().key(request("/", Map.of("x-user", "alice"))).orElseThrow();
        assertThat(key).isEqualTo(new UniversalKey.Key("alice", OptionalLong.of(600)));
        assertThat(reading.key().orElseThrow().key(request("/", Map.of()))).as("no header, no key").isEmpty();
    }

    @Test
    void eachRecognisedExpressionReadsItsPartOfTheRequest() {
        PersistContext r = request("/app/cart?user=Bob&x=1", Map.of("Host", "Shop.example"));
        assertThat(key("when HTTP_REQUEST { persist uie [URI::query [HTTP::uri] user] }", r)).contains("Bob");
        assertThat(key("when HTTP_REQUEST { persist uie [string tolower [URI::query [HTTP::uri] user]] }", r))
                .contains("bob");
        assertThat(key("when HTTP_REQUEST { persist uie [HTTP::uri] }", r)).contains("/app/cart?user=Bob&x=1");
        assertThat(key("when HTTP_REQUEST { persist uie [HTTP::path] }", r)).contains("/app/cart");
        assertThat(key("when HTTP_REQUEST { persist uie [HTTP::query] }", r)).contains("user=Bob&x=1");
        assertThat(key("when HTTP_REQUEST { persist uie [string tolower [HTTP::host]] }", r)).contains("shop.example");
        assertThat(key("when HTTP_REQUEST { persist uie [HTTP::cookie JSESSIONID] }", r)).contains("abc123");
        assertThat(key("when CLIENT_ACCEPTED { persist uie [IP::client_addr] }", r)).contains("10.1.1.7");
        assertThat(key("when CLIENT_ACCEPTED { persist uie [IP::client_addr] }",
                PersistContext.layer4(CLIENT, VIP, Optional.empty()))).as("at layer 4 too").contains("10.1.1.7");
    }

    @Test
    void otherCommandsAreNamedAsUnsupported() {
        var reading = PersistRule.read("when HTTP_REQUEST {\n  if { [HTTP::uri] starts_with \"/a\" } { pool a }\n"
                + "  persist uie [HTTP::header X-User]\n}\nwhen HTTP_RESPONSE { HTTP::header insert X 1 }");
        assertThat(reading.key()).isPresent();
        assertThat(reading.unsupported()).hasSize(2);
        assertThat(reading.unsupported().get(0)).startsWith("if").endsWith("(in HTTP_REQUEST)");
        assertThat(reading.unsupported().get(1)).isEqualTo("when HTTP_RESPONSE");
    }

    @Test
    void aRuleWithoutARecognisedPersistUieGivesNoKey() {
        assertThat(PersistRule.read("when HTTP_REQUEST { persist uie [HTTP::payload] }").key()).isEmpty();
        assertThat(PersistRule.read("when CLIENT_ACCEPTED { persist uie [HTTP::uri] }").key())
                .as("HTTP:: has no request in CLIENT_ACCEPTED").isEmpty();
        assertThat(PersistRule.read("when HTTP_REQUEST { persist uie [HTTP::uri").unsupported())
                .singleElement().asString().contains("unparsable");
    }
}
