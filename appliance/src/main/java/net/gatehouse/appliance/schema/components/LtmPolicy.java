package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.flag;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.subcollection;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.List;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * Traffic logic: {@code ltm policy} (drafted in a folder's {@code Drafts/} subfolder, then
 * published; only published policies attach to virtuals), {@code ltm rule} (an iRule, whose Tcl body
 * is kept verbatim) and {@code ltm data-group internal}.
 * <p>
 * A policy rule's conditions and actions are written as bare words ({@code http-uri path starts-with
 * values { /api }}); each group of words that can appear together is one flag property here. The
 * flags' names are internal (tmsh and REST show only their words); their letter prefixes keep the
 * words in the order BIG-IP writes them (operand, selector, operator; target, verb).
 */
public final class LtmPolicy {

    private LtmPolicy() {
    }

    public static List<ComponentType> all() {
        return List.of(policy(), rule(), dataGroupInternal(), dataGroupFile(), dataGroupExternal());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    private static final String[] EVENTS = {"request", "response", "proxy-request", "proxy-connect",
        "proxy-response", "ssl-client-hello", "ssl-server-hello", "ssl-client-serverhello-send", "ws-request",
        "ws-response", "client-accepted", "server-connected", "classification-detected"};

    /** A condition: operand, selector, operator, case and event words, and the values compared. */
    private static Property conditions() {
        return subcollection("conditions", new ItemNaming.Plain(), true,
                flag("a-operand", null, "http-uri", "http-host", "http-header", "http-method", "http-cookie",
                        "http-referer", "http-user-agent", "http-version", "http-status", "http-basic-auth",
                        "http-set-cookie", "tcp", "client-ssl", "server-ssl", "ssl-extension", "ssl-cert", "geoip",
                        "cpu-usage", "ssl-persistence"),
                flag("b-selector", null, "path", "host", "query-string", "query-parameter", "extension",
                        "path-segment", "scheme", "unnamed-query-parameter", "port", "address", "all", "major",
                        "minor", "protocol", "code", "text", "server-name", "npn", "alpn", "username", "password",
                        "cipher", "cipher-bits", "common-name", "country-code", "country-name", "continent",
                        "region-code", "region-name", "isp", "org", "route-domain", "mss", "rtt", "vlan",
                        "vlan-id", "last-1min", "last-5mins", "last-15secs", "uri", "method", "version"),
                flag("c-endpoint", null, "local", "remote"),
                flag("d-negation", null, "not"),
                flag("e-operator", null, "equals", "starts-with", "ends-with", "contains", "greater",
                        "greater-or-equal", "less", "less-or-equal", "match", "exists"),
                flag("f-presence", null, "missing", "present"),
                flag("g-case", null, "case-insensitive", "case-sensitive"),
                flag("h-event", null, EVENTS),
                ref("datagroup", Family.DATA_GROUP, "none", "none"),
                number("index", 0),
                text("name", "none").restName("tmName"),
                words("values"));
    }

    /** An action: target, verb and event words, and what the action uses. */
    private static Property actions() {
        return subcollection("actions", new ItemNaming.Plain(), true,
                flag("a-target", null, "forward", "http-reply", "http-header", "http-uri", "http-host",
                        "http-cookie", "http-referer", "http-set-cookie", "http", "log", "tcl", "persist", "cache",
                        "compress", "decompress", "server-ssl", "tcp-nagle", "request-adapt", "response-adapt",
                        "shutdown", "drop", "websocket", "asm", "l7dos", "ltm", "acceleration", "tcp", "route-domain"),
                flag("b-verb", null, "select", "reset", "redirect", "replace", "insert", "remove", "enable",
                        "disable", "write", "set-variable", "connection", "source-address", "destination-address",
                        "cookie-insert", "cookie-passive", "cookie-rewrite", "cookie-hash", "universal", "hash",
                        "ssl-session-id", "carp"),
                flag("c-event", null, EVENTS),
                text("expression", "none"),
                text("location", "none"),
                text("member", "none"),
                text("message", "none"),
                text("name", "none").restName("tmName"),
                text("node", "none"),
                text("path", "none"),
                ref("pool", Family.POOL, "none", "none"),
                text("query-string", "none"),
                text("timeout", "none"),
                text("value", "none"),
                text("variable-name", "none"),
                ref("virtual", Family.VIRTUAL, "none", "none"));
    }

    /**
     * bigip.conf writes {@code status} and {@code strategy}. {@code status} is {@code draft} in a
     * {@code Drafts} folder and {@code published} once {@code publish ltm policy} has moved it out.
     */
    public static ComponentType policy() {
        return ComponentType.builder("ltm policy", Family.POLICY, "Policy")
                .with(inert(text("app-service", "none")),
                        words("controls"),
                        text("description", "none"),
                        inert(text("last-modified", null)),
                        words("requires"),
                        subcollection("rules", new ItemNaming.Plain(), true,
                                actions(),
                                conditions(),
                                text("description", "none"),
                                number("ordinal", 0)),
                        choice("status", "published", "published", "draft", "legacy")
                                .with(Trait.READ_ONLY, Trait.ALWAYS_LISTED),
                        ref("strategy", Family.POLICY_STRATEGY, "/Common/first-match").with(Trait.ALWAYS_LISTED))
                .build();
    }

    /**
     * An iRule. bigip.conf and tmsh write its Tcl between the stanza's braces exactly as given;
     * iControl REST calls it {@code apiAnonymous}.
     */
    public static ComponentType rule() {
        return ComponentType.builder("ltm rule", Family.RULE, "Rule")
                .with(text("api-anonymous", "").with(Trait.VERBATIM))
                .build();
    }

    /** An internal data group: {@code records { key { data value } }} of one {@code type}. */
    public static ComponentType dataGroupInternal() {
        return ComponentType.builder("ltm data-group internal", Family.DATA_GROUP, "Data Group")
                .with(inert(text("app-service", "none")),
                        text("description", "none"),
                        collection("records", new ItemNaming.Plain(), true, false, text("data", "none")),
                        choice("type", "string", "string", "ip", "integer").with(Trait.ALWAYS_LISTED))
                .build();
    }

    /**
     * A data group file ({@code sys file data-group}): a file of records imported from
     * {@code source-path}, with BIG-IP's {@code checksum} ({@code SHA1:<size>:<hex>}), {@code size} and
     * {@code revision} of what was imported. The records themselves are checked on import, not kept.
     */
    public static ComponentType dataGroupFile() {
        return ComponentType.builder("sys file data-group", Family.DATA_GROUP_FILE, "Data Group File")
                .with(inert(text("app-service", "none")),
                        text("checksum", "none"),
                        text("description", "none"),
                        number("revision", 1),
                        inert(text("separator", ":=")),
                        number("size", 0),
                        text("source-path", "none"),
                        choice("type", "string", "string", "ip", "integer").with(Trait.ALWAYS_LISTED))
                .build();
    }

    /** An external data group: its records are those of the data group file it names. */
    public static ComponentType dataGroupExternal() {
        return ComponentType.builder("ltm data-group external", Family.DATA_GROUP, "Data Group")
                .with(inert(text("app-service", "none")),
                        text("description", "none"),
                        ref("external-file-name", Family.DATA_GROUP_FILE, null).with(Trait.REQUIRED))
                .build();
    }
}
