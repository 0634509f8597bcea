package net.gatehouse.appliance.persist.irule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import net.gatehouse.appliance.persist.PersistContext;
import net.gatehouse.appliance.persist.PersistMode;
import org.junit.jupiter.api.Test;

class VirtualRulesTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.1.1.7", 40000);
    private static final InetSocketAddress VIP = new InetSocketAddress("10.1.10.100", 80);
    private static final Set<String> POOLS = Set.of("/Common/web", "/Common/images", "/Tenant/api");

    /** A request with these headers (the Cookie header is read for cookies). */
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
                String cookies = header("Cookie").orElse("");
                for (String pair : cookies.split(";\\s*")) {
                    if (pair.startsWith(name + "=")) {
                        return Optional.of(pair.substring(name.length() + 1));
                    }
                }
                return Optional.empty();
            }
        };
        return new PersistContext(CLIENT, VIP, Optional.empty(), Optional.of(facts));
    }

    private static PersistContext accepted() {
        return PersistContext.layer4(CLIENT, VIP, Optional.empty());
    }

    /** The virtual's rules: name to Tcl, attached in this order. */
    private static VirtualRules rules(boolean http, Map<String, String> tcl) {
        return VirtualRules.compile(List.copyOf(tcl.keySet()), http, path -> Optional.ofNullable(tcl.get(path)),
                POOLS::contains);
    }

    private static VirtualRules rule(String tcl) {
        return rules(true, Map.of("/Common/r", tcl));
    }

    private static RuleDecision run(VirtualRules rules, PersistContext request) {
        assertThat(rules.refusal()).isEmpty();
        RuleDecision decision = new RuleDecision();
        rules.clientAccepted(accepted(), decision);
        rules.httpRequest(() -> request, decision);
        return decision;
    }

    @Test
    void theJsessionidCookieIsTheUniversalKeyWithTheStatementsTimeout() {
        VirtualRules rules = rule("when HTTP_REQUEST { persist uie [HTTP::cookie JSESSIONID] 1800 }");
        assertThat(run(rules, request("/", Map.of("Cookie", "a=1; JSESSIONID=abc123"))).persistence())
                .isEqualTo(new RuleDecision.Keyed(PersistMode.UNIVERSAL, "abc123", OptionalLong.of(1800)));
        assertThat(run(rules, request("/", Map.of())).persistence())
                .as("no cookie: no key, the profiles decide").isEqualTo(new RuleDecision.ProfileDefault());
    }

    @Test
    void persistHashKeysOnTheClientAddressAtAcceptAndPersistNoneTurnsPersistenceOff() {
        VirtualRules hashed = rules(false, Map.of("/Common/r", "when CLIENT_ACCEPTED { persist hash [IP::client_addr] }"));
        RuleDecision decision = new RuleDecision();
        hashed.clientAccepted(accepted(), decision);
        assertThat(decision.persistence())
                .isEqualTo(new RuleDecision.Keyed(PersistMode.HASH, "10.1.1.7", OptionalLong.empty()));

        assertThat(run(rule("when HTTP_REQUEST { persist none }"), request("/", Map.of())).persistence())
                .isEqualTo(new RuleDecision.Disabled());
    }

    @Test
    void aPoolIsNamedInTheRulesPartitionAndMustExist() {
        assertThat(run(rule("when HTTP_REQUEST { pool images }"), request("/", Map.of())).pool())
                .contains("/Common/images");
        assertThat(run(rules(true, Map.of("/Tenant/r", "when CLIENT_ACCEPTED { pool api }")), request("/", Map.of()))
                .pool()).contains("/Tenant/api");
        assertThat(run(rule("when CLIENT_ACCEPTED { pool /Tenant/api }"), request("/", Map.of())).pool())
                .as("a pool chosen at accept holds for the requests").contains("/Tenant/api");

        assertThat(rule("when HTTP_REQUEST { pool missing }").refusal()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("The iRule /Common/r cannot run on this appliance, so the virtual server takes no traffic")
                .contains("pool missing (no pool /Common/missing is configured)"));
    }

    @Test
    void redirectBuildsItsLocationFromTheHostAndUri() {
        RuleDecision decision = run(rule("when HTTP_REQUEST { HTTP::redirect \"https://[HTTP::host][HTTP::uri]\" }"),
                request("/a/b?c=1", Map.of("Host", "www.example.com")));
        assertThat(decision.response()).contains(new RuleDecision.LocalResponse(302, "", true,
                List.of(Map.entry("Location", "https://www.example.com/a/b?c=1"))));
    }

    @Test
    void respondSendsItsStatusContentAndHeadersWithoutServerWhenAsked() {
        RuleDecision decision = run(rule("when HTTP_REQUEST {\n  HTTP::respond 503 content {Down for [maintenance]}"
                + " noserver Retry-After 120 X-Path [string tolower [HTTP::path]]\n}"), request("/A?x", Map.of()));
        assertThat(decision.response()).contains(new RuleDecision.LocalResponse(503, "Down for [maintenance]", false,
                List.of(Map.entry("Retry-After", "120"), Map.entry("X-Path", "/a"))));
    }

    @Test
    void eachRequestStartsWithoutAnAnswerButKeepsThePoolAndPersistenceChosenBefore() {
        VirtualRules rules = rule("when CLIENT_ACCEPTED { pool web ; persist uie [IP::client_addr] 60 }");
        RuleDecision decision = new RuleDecision();
        rules.clientAccepted(accepted(), decision);
        rules.httpRequest(() -> request("/", Map.of()), decision);
        rules.httpRequest(() -> request("/2", Map.of()), decision);
        assertThat(decision.pool()).contains("/Common/web");
        assertThat(decision.persistence())
                .isEqualTo(new RuleDecision.Keyed(PersistMode.UNIVERSAL, "10.1.1.7", OptionalLong.of(60)));
        assertThat(decision.response()).isEmpty();
    }

    @Test
    void eventsRunByPriorityThenInTheOrderTheRulesAreAttached() {
        Map<String, String> tcl = new java.util.LinkedHashMap<>();
        tcl.put("/Common/late", "when HTTP_REQUEST priority 900 { pool web }");
        tcl.put("/Common/first", "when HTTP_REQUEST { pool images }");
        tcl.put("/Common/second", "when HTTP_REQUEST { persist none }");
        RuleDecision decision = run(rules(true, tcl), request("/", Map.of()));
        assertThat(decision.pool()).as("priority 900 runs after 500, so its pool is the last set").contains("/Common/web");
        assertThat(decision.persistence()).isEqualTo(new RuleDecision.Disabled());
    }

    @Test
    void aRuleWithAnyUnsupportedCommandIsRefusedWholeNamingTheRuleAndEachCommand() {
        VirtualRules rules = rules(true, Map.of("/Common/ok", "when HTTP_REQUEST { pool web }", "/Common/bad",
                "when HTTP_REQUEST {\n  if { [HTTP::uri] eq \"/\" } { pool web }\n  HTTP::header insert X-A 1\n"
                        + "  persist uie [HTTP::payload]\n}\nwhen HTTP_RESPONSE { persist none }"));
        assertThat(rules.refusal()).contains("The iRule /Common/bad cannot run on this appliance, so the virtual"
                + " server takes no traffic; not supported: if (in HTTP_REQUEST), HTTP::header (in HTTP_REQUEST),"
                + " persist uie [HTTP::payload] (in HTTP_REQUEST), when HTTP_RESPONSE");
    }

    @Test
    void whatBigIpWouldRefuseIsRefused() {
        assertThat(rules(false, Map.of("/Common/r", "when HTTP_REQUEST { pool web }")).refusal())
                .hasValueSatisfying(why -> assertThat(why).contains(
                        "when HTTP_REQUEST (the virtual server has no http profile)"));
        assertThat(rule("when CLIENT_ACCEPTED { HTTP::redirect http://a/ }").refusal())
                .hasValueSatisfying(why -> assertThat(why).contains("HTTP::redirect (in CLIENT_ACCEPTED)"));
        assertThat(rule("when CLIENT_ACCEPTED { persist uie [HTTP::uri] }").refusal())
                .hasValueSatisfying(why -> assertThat(why).contains("persist uie [HTTP::uri] (in CLIENT_ACCEPTED)"));
        assertThat(rule("when HTTP_REQUEST { HTTP::redirect \"https://$host/\" }").refusal())
                .as("no variables").hasValueSatisfying(why -> assertThat(why).contains("HTTP::redirect (in"));
        assertThat(rule("when HTTP_REQUEST { HTTP::respond 200 -version 1.1 content ok }").refusal()).isPresent();
        assertThat(rule("when HTTP_REQUEST { HTTP::respond 200 content }").refusal()).isPresent();
        assertThat(rules(true, Map.of("/Common/a", "when HTTP_REQUEST { HTTP::redirect http://a/ }", "/Common/b",
                "when HTTP_REQUEST priority 10 { HTTP::respond 200 }")).refusal())
                .hasValueSatisfying(why -> assertThat(why).contains("BIG-IP sends one response per request"));
    }

    @Test
    void aVirtualWithoutRulesRunsNothing() {
        RuleDecision decision = run(VirtualRules.NONE, request("/", Map.of()));
        assertThat(decision.pool()).isEmpty();
        assertThat(decision.persistence()).isEqualTo(new RuleDecision.ProfileDefault());
        assertThat(decision.response()).isEmpty();
    }
}
