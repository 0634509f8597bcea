package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.components.Profiles.derived;
import static net.gatehouse.appliance.schema.Props.block;
import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.netmask;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.yesNo;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * Traffic profiles: {@code tcp}, {@code udp}, {@code fastl4}, {@code http}, {@code one-connect}, with
 * BIG-IP 15.1's defaults (the built-ins of {@code /config/profile_base.conf}). All profiles share one
 * name family; each custom profile inherits from its parent through {@code defaults-from}.
 * <p>
 * Numbers are {@code number} only where iControl REST writes a JSON number; values REST writes as
 * strings ({@code "300"}, {@code "0"}, {@code "disabled"}) are text.
 * TODO(DSL): several of those texts are "a number or one of a few words" ({@code indefinite},
 * {@code immediate}, {@code disabled}, {@code pass-through}); a type for that would validate them.
 */
public final class LtmProfiles {

    private static final String[] IP_DF_MODES = {"pmtu", "preserve", "set", "clear"};
    private static final String[] IP_TTL_MODES = {"proxy", "preserve", "decrement", "set"};

    private LtmProfiles() {
    }

    public static List<ComponentType> all() {
        return List.of(tcp(), udp(), fastl4(), http(), oneConnect());
    }

    /** A profile type whose root built-in has every default. */
    private static ComponentType.Builder rootProfile(String type, String root) {
        return Profiles.profile(type, root).builtin(root, Body.texts("defaults-from", "none"));
    }


    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    private static Property inertEnabled(String name, String def) {
        return inert(enabled(name, def));
    }

    private static Property inertNumber(String name, long def) {
        return inert(number(name, def));
    }

    /** A list of words; REST writes a JSON array ({@code []} when tmsh shows {@code none}). */
    private static Property words(String name) {
        return collection(name, new ItemNaming.Plain(), false, false);
    }

    /** ip-df-mode, ip-ttl-mode and the TTLs, shared by tcp, udp and fastl4. */
    private static List<Property> ipTtl(String dfMode, String ttlMode) {
        return List.of(
                inert(choice("ip-df-mode", dfMode, IP_DF_MODES)),
                inert(choice("ip-ttl-mode", ttlMode, IP_TTL_MODES)),
                inert(number("ip-ttl-v4", 0, 255, 255)),
                inert(number("ip-ttl-v6", 0, 255, 64)));
    }


    /**
     * The 13.1 property set with 15.1's {@code tcp} defaults (profile_base.conf); the 13.0-style values
     * live in {@code tcp-legacy}, which 15.1's lan/wan-optimized profiles derive from.
     */
    public static ComponentType tcp() {
        return rootProfile("tcp", "tcp")
                .with(inertEnabled("abc", "enabled"),
                        inertEnabled("ack-on-push", "enabled"),
                        inertEnabled("auto-proxy-buffer-size", "disabled"),
                        inertEnabled("auto-receive-window-size", "disabled"),
                        inertEnabled("auto-send-buffer-size", "disabled"),
                        number("close-wait-timeout", 5),
                        inertEnabled("cmetrics-cache", "enabled"),
                        inertNumber("cmetrics-cache-timeout", 0),
                        inert(choice("congestion-control", "high-speed", "bbr", "cdg", "chd", "cubic", "high-speed",
                                "illinois", "new-reno", "none", "reno", "scalable", "vegas", "westwood", "woodside")),
                        inertEnabled("deferred-accept", "disabled"),
                        inertEnabled("delay-window-control", "disabled"),
                        inertEnabled("delayed-acks", "enabled"),
                        inertEnabled("dsack", "disabled"),
                        inertEnabled("early-retransmit", "enabled"),
                        inertEnabled("ecn", "enabled"),
                        inertEnabled("enhanced-loss-recovery", "enabled"),
                        inertEnabled("fast-open", "enabled"),
                        inertNumber("fast-open-cookie-expiration", 21600),
                        number("fin-wait-2-timeout", 300).restName("finWait_2Timeout"),
                        number("fin-wait-timeout", 5),
                        inertEnabled("hardware-syn-cookie", "enabled"),
                        number("idle-timeout", 300),
                        inertNumber("init-cwnd", 10),
                        inertNumber("init-rwnd", 10),
                        inert(text("ip-tos-to-client", "0")))
                .with(ipTtl("pmtu", "proxy"))
                .with(inertNumber("keep-alive-interval", 1800),
                        inertEnabled("limited-transmit", "enabled"),
                        inert(text("link-qos-to-client", "0")),
                        inertNumber("max-retrans", 8),
                        inertNumber("max-segment-size", 1460),
                        inertEnabled("md5-signature", "disabled"),
                        // Not confirmed in a capture; REST never returns it.
                        inert(text("md5-signature-passphrase", "none")).with(Trait.SECRET),
                        inertNumber("minimum-rto", 1000),
                        inertEnabled("mptcp", "disabled"),
                        inertEnabled("mptcp-csum", "disabled"),
                        inertEnabled("mptcp-csum-verify", "disabled"),
                        inertEnabled("mptcp-debug", "disabled"),
                        inert(choice("mptcp-fallback", "reset", "accept", "active-accept", "reset", "retransmit")),
                        inertEnabled("mptcp-fastjoin", "disabled"),
                        inertNumber("mptcp-idle-timeout", 300),
                        inertNumber("mptcp-join-max", 5),
                        inertEnabled("mptcp-makeafterbreak", "disabled"),
                        inertEnabled("mptcp-nojoindssack", "disabled"),
                        inertNumber("mptcp-rtomax", 5),
                        inertNumber("mptcp-rxmitmin", 1000),
                        inertNumber("mptcp-subflowmax", 6),
                        inertNumber("mptcp-timeout", 3600),
                        choice("nagle", "disabled", "enabled", "disabled", "auto"),
                        inertNumber("pkt-loss-ignore-burst", 0),
                        inertNumber("pkt-loss-ignore-rate", 0),
                        inertNumber("proxy-buffer-high", 65535),
                        inertNumber("proxy-buffer-low", 32768),
                        inertEnabled("proxy-mss", "enabled"),
                        inertEnabled("proxy-options", "disabled"),
                        inert(choice("push-flag", "default", "default", "none", "one", "auto")),
                        inertEnabled("rate-pace", "enabled"),
                        inertNumber("rate-pace-max-rate", 0),
                        inertNumber("receive-window-size", 65535),
                        enabled("reset-on-timeout", "enabled"),
                        inertNumber("rexmt-thresh", 3),
                        inertEnabled("selective-acks", "enabled"),
                        inertEnabled("selective-nack", "disabled"),
                        inertNumber("send-buffer-size", 131072),
                        inertEnabled("slow-start", "enabled"),
                        inertEnabled("syn-cookie-enable", "enabled"),
                        inertEnabled("syn-cookie-whitelist", "disabled"),
                        inert(number("syn-max-retrans", 0, 255, 3)),
                        inertNumber("syn-rto-base", 3000),
                        inertEnabled("tail-loss-probe", "enabled"),
                        inert(text("tcp-options", "none")),
                        inertEnabled("time-wait-recycle", "enabled"),
                        inert(text("time-wait-timeout", "2000")),
                        inertEnabled("timestamps", "enabled"),
                        inertEnabled("verified-accept", "disabled"),
                        inertNumber("zero-window-timeout", 20000))
                .builtin("tcp-legacy", derived("tcp",
                        "early-retransmit", "disabled",
                        "ecn", "disabled",
                        "enhanced-loss-recovery", "disabled",
                        "fast-open", "disabled",
                        "init-cwnd", "3",
                        "init-rwnd", "3",
                        "proxy-buffer-high", "49152",
                        "proxy-options", "enabled",
                        "rate-pace", "disabled",
                        "send-buffer-size", "65535",
                        "tail-loss-probe", "disabled"))
                .builtin("f5-tcp-progressive", derived("tcp",
                        "auto-proxy-buffer-size", "enabled",
                        "auto-receive-window-size", "enabled",
                        "auto-send-buffer-size", "enabled",
                        "congestion-control", "woodside",
                        "init-cwnd", "16",
                        "init-rwnd", "16",
                        "nagle", "auto",
                        "proxy-buffer-high", "262144",
                        "proxy-buffer-low", "196608",
                        "push-flag", "auto",
                        "receive-window-size", "131072",
                        "send-buffer-size", "262144"))
                .builtin("f5-tcp-wan", derived("tcp",
                        "congestion-control", "woodside",
                        "delayed-acks", "disabled",
                        "minimum-rto", "500",
                        "nagle", "auto",
                        "proxy-buffer-high", "262144",
                        "proxy-buffer-low", "196608",
                        "receive-window-size", "131072",
                        "send-buffer-size", "262144"))
                .builtin("f5-tcp-lan", derived("tcp",
                        "init-cwnd", "16",
                        "init-rwnd", "16",
                        "minimum-rto", "200",
                        "nagle", "auto",
                        "proxy-buffer-high", "65535",
                        "proxy-buffer-low", "32768",
                        "send-buffer-size", "65535"))
                .builtin("tcp-lan-optimized", derived("tcp-legacy",
                        "proxy-buffer-high", "131072",
                        "proxy-buffer-low", "98304",
                        "send-buffer-size", "65535",
                        "slow-start", "disabled"))
                .builtin("tcp-wan-optimized", derived("tcp-legacy",
                        "nagle", "enabled",
                        "proxy-buffer-high", "131072",
                        "proxy-buffer-low", "131072",
                        "send-buffer-size", "65535"))
                .build();
    }

    public static ComponentType udp() {
        return rootProfile("udp", "udp")
                .with(inertEnabled("allow-no-payload", "disabled"),
                        inertNumber("buffer-max-bytes", 655350),
                        inertNumber("buffer-max-packets", 0),
                        enabled("datagram-load-balancing", "disabled"),
                        text("idle-timeout", "60"),
                        inert(text("ip-tos-to-client", "0")))
                .with(ipTtl("pmtu", "proxy"))
                .with(inert(text("link-qos-to-client", "0")),
                        inertEnabled("no-checksum", "disabled"),
                        inertEnabled("proxy-mss", "disabled"))
                .builtin("udp_decrement_ttl", derived("udp", "ip-ttl-mode", "decrement"))
                .builtin("udp_gtm_dns", derived("udp",
                        "datagram-load-balancing", "enabled",
                        "idle-timeout", "5"))
                .builtin("udp_preserve_ttl", derived("udp", "ip-ttl-mode", "preserve"))
                .build();
    }

    /**
     * The 11.6 all-properties set plus 13.1's additions (ip-df/ttl, syn-cookie-enable/-mss,
     * tcp-time-wait-timeout); {@code hardware-syn-cookie} defaults to disabled since 13.x.
     */
    public static ComponentType fastl4() {
        return rootProfile("fastl4", "fastL4")
                .with(inertNumber("client-timeout", 30),
                        inertEnabled("explicit-flow-migration", "disabled"),
                        inertEnabled("hardware-syn-cookie", "disabled"),
                        text("idle-timeout", "300"))
                .with(ipTtl("preserve", "decrement"))
                .with(inert(text("ip-tos-to-client", "pass-through")),
                        inert(text("ip-tos-to-server", "pass-through")),
                        inert(text("keep-alive-interval", "disabled")),
                        inertEnabled("late-binding", "disabled"),
                        inert(text("link-qos-to-client", "pass-through")),
                        inert(text("link-qos-to-server", "pass-through")),
                        inertEnabled("loose-close", "disabled"),
                        inertEnabled("loose-initialization", "disabled"),
                        inert(number("mss-override", 0, 9162, 0)),
                        inert(text("priority-to-client", "pass-through")),
                        inert(text("priority-to-server", "pass-through")),
                        inert(choice("pva-acceleration", "full", "full", "partial", "none", "guaranteed")),
                        inertNumber("pva-dynamic-client-packets", 1),
                        inertNumber("pva-dynamic-server-packets", 0),
                        inertEnabled("pva-flow-aging", "enabled"),
                        inertEnabled("pva-flow-evict", "enabled"),
                        inertEnabled("pva-offload-dynamic", "enabled"),
                        inert(choice("pva-offload-state", "embryonic", "embryonic", "establish")),
                        inertEnabled("reassemble-fragments", "disabled"),
                        inertNumber("receive-window-size", 0),
                        enabled("reset-on-timeout", "enabled"),
                        inertEnabled("rtt-from-client", "disabled"),
                        inertEnabled("rtt-from-server", "disabled"),
                        inertEnabled("server-sack", "disabled"),
                        inertEnabled("server-timestamp", "disabled"),
                        inertEnabled("software-syn-cookie", "disabled"),
                        inertEnabled("syn-cookie-enable", "enabled"),
                        inertNumber("syn-cookie-mss", 0),
                        inertEnabled("syn-cookie-whitelist", "disabled"),
                        inert(text("tcp-close-timeout", "5")),
                        inertEnabled("tcp-generate-isn", "disabled"),
                        inert(text("tcp-handshake-timeout", "5")),
                        inertEnabled("tcp-strip-sack", "disabled"),
                        inertNumber("tcp-time-wait-timeout", 0),
                        inert(choice("tcp-timestamp-mode", "preserve", "preserve", "strip", "rewrite")),
                        inert(choice("tcp-wscale-mode", "preserve", "preserve", "strip")),
                        inert(choice("timeout-recovery", "disconnect", "disconnect", "fallback")))
                .builtin("apm-forwarding-fastL4", derived("fastL4", "idle-timeout", "7200"))
                .builtin("full-acceleration", derived("fastL4"))
                .build();
    }

    private static Property enforcement() {
        return block("enforcement",
                // 15.1+ (absent in 13.1).
                inertEnabled("allow-ws-header-name", "disabled"),
                inert(choice("excess-client-headers", "reject", "reject", "pass-through")),
                inert(choice("excess-server-headers", "reject", "reject", "pass-through")),
                // TODO(DSL): a set of words with a non-empty default; tmsh shows { CONNECT ... }, REST an array.
                text("known-methods", "CONNECT DELETE GET HEAD LOCK OPTIONS POST PROPFIND PUT TRACE UNLOCK"),
                // 64 in 15.1's profile_base.conf; a 16.x capture shows 1024.
                number("max-header-count", 16, 4096, 64),
                number("max-header-size", 32768),
                number("max-requests", 0),
                inert(choice("oversize-client-headers", "reject", "reject", "pass-through")),
                inert(choice("oversize-server-headers", "reject", "reject", "pass-through")),
                choice("pipeline", "allow", "allow", "reject", "pass-through"),
                // 15.1+ (absent in 13.1).
                inertEnabled("rfc-compliance", "disabled"),
                inertEnabled("truncated-redirects", "disabled"),
                choice("unknown-method", "allow", "allow", "reject", "pass-through"));
    }

    private static Property explicitProxy() {
        return inert(block("explicit-proxy",
                text("bad-request-message", "none"),
                text("bad-response-message", "none"),
                text("connect-error-message", "none"),
                choice("default-connect-handling", "deny", "deny", "allow"),
                text("dns-error-message", "none"),
                text("dns-resolver", "none"),
                words("host-names"),
                yesNo("ipv6", "no"),
                text("route-domain", "none"),
                text("tunnel-name", "none"),
                // 15.1+ (absent in 13.1).
                yesNo("tunnel-on-any-request", "no")));
    }

    private static Property hsts() {
        return block("hsts",
                enabled("include-subdomains", "enabled"),
                number("maximum-age", 16070400),
                enabled("mode", "disabled"),
                enabled("preload", "disabled"));
    }

    private static Property sflow() {
        return inert(block("sflow",
                number("poll-interval", 0),
                yesNo("poll-interval-global", "yes"),
                number("sampling-rate", 0),
                yesNo("sampling-rate-global", "yes")));
    }

    /** 15.1's {@code http}: request- and response-chunking {@code sustain}, {@code oneconnect-status-reuse "200 206"}. */
    public static ComponentType http() {
        return rootProfile("http", "http")
                .with(enabled("accept-xff", "disabled"),
                        inert(text("basic-auth-realm", "none")),
                        // A secret: REST never returns it.
                        inert(text("encrypt-cookie-secret", "none")).with(Trait.SECRET),
                        inert(words("encrypt-cookies")),
                        enforcement(),
                        explicitProxy(),
                        text("fallback-host", "none"),
                        words("fallback-status-codes"),
                        text("header-erase", "none"),
                        text("header-insert", "none"),
                        hsts(),
                        enabled("insert-xforwarded-for", "disabled").restName("insertXforwardedFor"),
                        inert(text("lws-separator", "none")),
                        inert(number("lws-width", 0, 4096, 80)),
                        inert(text("oneconnect-status-reuse", "200 206")),
                        enabled("oneconnect-transformations", "enabled"),
                        inert(choice("proxy-type", "reverse", "reverse", "explicit", "transparent"))
                                .with(Trait.ALWAYS_LISTED),
                        choice("redirect-rewrite", "none", "none", "all", "matching", "nodes"),
                        choice("request-chunking", "sustain", "preserve", "selective", "rechunk", "sustain"),
                        choice("response-chunking", "sustain", "preserve", "selective", "unchunk", "rechunk",
                                "sustain"),
                        words("response-headers-permitted"),
                        text("server-agent-name", "BigIP"),
                        sflow(),
                        text("via-host-name", "none"),
                        choice("via-request", "preserve", "preserve", "remove", "append"),
                        choice("via-response", "preserve", "preserve", "remove", "append"),
                        words("xff-alternative-names"))
                // profile_base.conf elides the rest of http-explicit; only these values are known.
                .builtin("http-explicit", derived("http", "proxy-type", "explicit")
                        .with("explicit-proxy", new Value.Block(Body.texts(
                                "route-domain", "/Common/0",
                                "tunnel-name", "/Common/http-tunnel"))))
                .builtin("http-transparent", derived("http", "proxy-type", "transparent")
                        .with("enforcement", new Value.Block(Body.texts(
                                "excess-client-headers", "pass-through",
                                "excess-server-headers", "pass-through",
                                "max-header-count", "32",
                                "max-header-size", "16384",
                                "oversize-client-headers", "pass-through",
                                "oversize-server-headers", "pass-through",
                                "truncated-redirects", "enabled"))))
                .build();
    }

    /** REST writes idle-timeout-override as a string ({@code "disabled"} or seconds). */
    public static ComponentType oneConnect() {
        return rootProfile("one-connect", "oneconnect")
                .with(text("idle-timeout-override", "disabled"),
                        inert(choice("limit-type", "none", "none", "idle", "strict")),
                        number("max-age", 86400),
                        number("max-reuse", 1000),
                        number("max-size", 10000),
                        enabled("share-pools", "disabled"),
                        netmask("source-mask", "any"))
                .build();
    }
}
