package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.U32;
import static net.gatehouse.appliance.schema.Props.address;
import static net.gatehouse.appliance.schema.Props.block;
import static net.gatehouse.appliance.schema.Props.bodiedRefs;
import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.destination;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.flag;
import static net.gatehouse.appliance.schema.Props.ipProtocol;
import static net.gatehouse.appliance.schema.Props.monitorRule;
import static net.gatehouse.appliance.schema.Props.netmask;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.numberOrWord;
import static net.gatehouse.appliance.schema.Props.prefix;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.refs;
import static net.gatehouse.appliance.schema.Props.subcollection;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.timestamp;
import static net.gatehouse.appliance.schema.Props.trueFalse;
import static net.gatehouse.appliance.schema.Props.yesNo;

import java.util.List;
import java.util.Map;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * ltm node, pool, virtual, virtual-address, snatpool and snat-translation, with BIG-IP 15.1's
 * property sets and defaults. {@code partition} is not a property: it is part of the object's name.
 */
public final class LtmCore {

    private LtmCore() {
    }

    public static List<ComponentType> all() {
        return List.of(node(), pool(), virtual(), virtualAddress(), snatpool(), snatTranslation());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    /** {@code metadata { key { persist true value v } }}; REST {@code [{"name", "persist", "value"}]}. */
    private static Property metadata() {
        return inert(collection("metadata", new ItemNaming.Plain(), true, false,
                trueFalse("persist", "false"),
                text("value", "none")));
    }

    /** The fqdn name is {@code tmName} in REST. */
    private static Property fqdnName() {
        return text("name", "none").restName("tmName");
    }

    /** A node's fqdn block; REST writes {@code interval} as a string ("3600"), {@code down-interval} as a number. */
    private static Property nodeFqdn() {
        return inert(block("fqdn",
                choice("address-family", "ipv4", "ipv4", "ipv6", "all"),
                enabled("autopopulate", "disabled"),
                number("down-interval", 5),
                text("interval", "3600"),
                fqdnName()));
    }

    /** A pool member's fqdn block: BIG-IP shows only these two (REST: {@code autopopulate}, {@code tmName}). */
    private static Property memberFqdn() {
        return inert(block("fqdn",
                enabled("autopopulate", "disabled"),
                fqdnName()));
    }

    /** Written {@code user-up}/{@code user-enabled}; a monitored object reads back {@code up}, {@code monitor-enabled}. */
    private static Property session() {
        return choice("session", "user-enabled", "user-enabled", "user-disabled", "monitor-enabled");
    }

    private static Property state() {
        return choice("state", "user-up", "user-up", "user-down", "up", "down", "unchecked")
                .readAs(Map.of("user-up", "unchecked"));
    }

    /** REST returns a set rule as written with a trailing space ({@code "/Common/icmp "}); {@code default} plainly. */
    private static Property objectMonitor() {
        return monitorRule("monitor", "default", "default", "none").with(Trait.REST_TRAILING_SPACE);
    }

    /** {@code pass-through}, {@code mimic} or a number (0-255 for ToS, 0-7 for QoS). */
    private static Property tosOrQos(String name) {
        // TODO(DSL): a "number or word" type would validate this; text accepts what BIG-IP accepts and more.
        return inert(text(name, "pass-through"));
    }

    public static ComponentType node() {
        return ComponentType.builder("ltm node", Family.NODE, "Node")
                .with(address("address", null).with(Trait.REQUIRED, Trait.ALWAYS_LISTED),
                        inert(text("app-service", "none")),
                        number("connection-limit", 0),
                        text("description", "none"),
                        number("dynamic-ratio", 1, 65535, 1),
                        trueFalse("ephemeral", "false").with(Trait.READ_ONLY),
                        nodeFqdn(),
                        inert(enabled("logging", "disabled")),
                        metadata(),
                        objectMonitor(),
                        inert(text("rate-limit", "disabled")),
                        number("ratio", 1, 65535, 1),
                        session(),
                        state())
                .build();
    }

    private static Property[] memberProperties() {
        return new Property[] {
            address("address", null).with(Trait.ALWAYS_LISTED),
            inert(text("app-service", "none")),
            number("connection-limit", 0),
            text("description", "none"),
            number("dynamic-ratio", 1, 65535, 1),
            trueFalse("ephemeral", "false").with(Trait.READ_ONLY),
            memberFqdn(),
            inert(enabled("inherit-profile", "enabled")),
            inert(enabled("logging", "disabled")),
            metadata(),
            objectMonitor(),
            number("priority-group", 0, 65535, 0),
            inert(bodiedRefs("profiles", Family.PROFILE)),
            inert(text("rate-limit", "disabled")),
            number("ratio", 1, 65535, 1),
            session(),
            state(),
        };
    }

    public static ComponentType pool() {
        return ComponentType.builder("ltm pool", Family.POOL, "Pool")
                .with(inert(yesNo("allow-nat", "yes")),
                        inert(yesNo("allow-snat", "yes")),
                        inert(text("app-service", "none")),
                        inert(text("autoscale-group-id", "none")),
                        text("description", "none"),
                        inert(text("gateway-failsafe-device", "none")),
                        // tmsh's reference says yes|no, but BIG-IP stores and shows enabled|disabled.
                        inert(enabled("ignore-persisted-weight", "disabled")),
                        tosOrQos("ip-tos-to-client"),
                        tosOrQos("ip-tos-to-server"),
                        tosOrQos("link-qos-to-client"),
                        tosOrQos("link-qos-to-server"),
                        choice("load-balancing-mode", "round-robin", "round-robin", "ratio-member", "ratio-node",
                                "ratio-session", "least-connections-member", "least-connections-node",
                                "weighted-least-connections-member", "weighted-least-connections-node",
                                "ratio-least-connections-member", "ratio-least-connections-node",
                                "least-sessions", "fastest-node", "fastest-app-response", "observed-member",
                                "observed-node", "predictive-member", "predictive-node", "dynamic-ratio-member",
                                "dynamic-ratio-node"),
                        subcollection("members", new ItemNaming.Member(), memberProperties()),
                        metadata(),
                        number("min-active-members", 0, 65535, 0),
                        inert(number("min-up-members", 0, 65535, 0)),
                        inert(choice("min-up-members-action", "failover", "failover", "reboot", "restart-all")),
                        inert(enabled("min-up-members-checking", "disabled")),
                        monitorRule("monitor", "none", "none").with(Trait.REST_TRAILING_SPACE),
                        inert(bodiedRefs("profiles", Family.PROFILE)),
                        number("queue-depth-limit", 0),
                        enabled("queue-on-connection-limit", "disabled"),
                        number("queue-time-limit", 0),
                        number("reselect-tries", 0, 65535, 0),
                        choice("service-down-action", "none", "none", "reset", "drop", "reselect"),
                        number("slow-ramp-time", 0, 65535, 10))
                .build();
    }

    /**
     * BIG-IP 15.1's {@code list ltm virtual all-properties} without AFM: {@code fw-enforced-policy},
     * {@code fw-staged-policy}, {@code ip-intelligence-policy} and {@code security-nat-policy} are only
     * shown when AFM is provisioned and are left out.
     */
    public static ComponentType virtual() {
        return ComponentType.builder("ltm virtual", Family.VIRTUAL, "Virtual Server")
                .with(inert(yesNo("address-status", "yes")),
                        inert(text("app-service", "none")),
                        inert(refs("auth", Family.PROFILE, false)),
                        inert(choice("auto-lasthop", "default", "default", "enabled", "disabled")),
                        inert(text("bwc-policy", "none")),
                        inert(bodiedRefs("clone-pools", Family.POOL,
                                choice("context", "clientside", "clientside", "serverside"))),
                        inert(yesNo("cmp-enabled", "yes")),
                        number("connection-limit", 0),
                        timestamp("creation-time").with(Trait.READ_ONLY, Trait.ALWAYS_LISTED),
                        text("description", "none"),
                        destination("destination").with(Trait.REQUIRED, Trait.ALWAYS_LISTED),
                        flag("enabled", "enabled", "enabled", "disabled"),
                        inert(enabled("eviction-protected", "disabled")),
                        ref("fallback-persistence", Family.PERSISTENCE, "none", "none"),
                        inert(text("flow-eviction-policy", "none")),
                        inert(number("gtm-score", 0)),
                        // TODO: the notes do not give the default; BIG-IP may default to tcp.
                        ipProtocol("ip-protocol", "any")
                                .with(Trait.ALWAYS_LISTED),
                        inert(ref("last-hop-pool", Family.POOL, "none", "none")),
                        timestamp("last-modified-time").with(Trait.READ_ONLY, Trait.ALWAYS_LISTED),
                        netmask("mask", "255.255.255.255").with(Trait.ALWAYS_LISTED),
                        metadata(),
                        inert(enabled("mirror", "disabled")),
                        inert(enabled("mobile-app-tunnel", "disabled")),
                        inert(enabled("nat64", "disabled")),
                        inert(text("per-flow-request-access-policy", "none")),
                        bodiedRefs("persist", Family.PERSISTENCE,
                                yesNo("default", "yes").restName("tmDefault").with(Trait.ALWAYS_LISTED)),
                        inert(subcollection("policies", new ItemNaming.Ref(Family.POLICY))),
                        ref("pool", Family.POOL, "none", "none"),
                        subcollection("profiles", new ItemNaming.Ref(Family.PROFILE),
                                choice("context", "all", "all", "clientside", "serverside")),
                        inert(text("rate-class", "none")),
                        inert(text("rate-limit", "disabled")),
                        inert(number("rate-limit-dst-mask", 0, 128, 0)),
                        inert(choice("rate-limit-mode", "object", "object", "object-source", "object-destination",
                                "object-source-destination", "destination", "source", "source-destination")),
                        inert(number("rate-limit-src-mask", 0, 128, 0)),
                        inert(refs("related-rules", Family.RULE, true)),
                        refs("rules", Family.RULE, true),
                        // TODO(DSL): security log profiles have no Family yet; PROFILE stands in.
                        inert(refs("security-log-profiles", Family.PROFILE, false)),
                        inert(enabled("serverssl-use-sni", "disabled")).with(Trait.ALWAYS_LISTED),
                        inert(choice("service-down-immediate-action", "none", "none", "drop", "reset")),
                        inert(text("service-policy", "none")),
                        prefix("source", "0.0.0.0/0").with(Trait.ALWAYS_LISTED),
                        block("source-address-translation",
                                ref("pool", Family.SNATPOOL, "none", "none"),
                                choice("type", "none", "none", "automap", "snat", "lsn").with(Trait.REST_SHOWS_NONE)),
                        choice("source-port", "preserve", "preserve", "preserve-strict", "change"),
                        choice("syn-cookie-status", "not-activated", "not-activated", "activated", "full-hardware",
                                "partial-hardware").with(Trait.READ_ONLY),
                        inert(text("traffic-classes", "none")),
                        inert(text("traffic-matching-criteria", "none")),
                        enabled("translate-address", "enabled").with(Trait.ALWAYS_LISTED),
                        enabled("translate-port", "enabled").with(Trait.ALWAYS_LISTED),
                        inert(text("transparent-nexthop", "none")),
                        // A standard virtual shows none of these words; REST writes the one in effect as "ipForward": true.
                        inert(flag("type", null, "ip-forward", "l2-forward", "reject", "stateless", "internal",
                                "dhcp-relay")),
                        inert(text("urldb-feed-policy", "none")),
                        refs("vlans", Family.VLAN, false),
                        flag("vlans-enabled", "vlans-disabled", "vlans-enabled", "vlans-disabled"),
                        number("vs-index", 0).with(Trait.READ_ONLY))
                .build();
    }

    /** bigip.conf always writes address, arp, mask and traffic-group. REST writes enabled as "yes"/"no". */
    public static ComponentType virtualAddress() {
        return ComponentType.builder("ltm virtual-address", Family.VIRTUAL_ADDRESS, "Virtual Address")
                .with(address("address", null).with(Trait.ALWAYS_LISTED),
                        inert(text("app-service", "none")),
                        inert(enabled("arp", "enabled")).with(Trait.ALWAYS_LISTED),
                        trueFalse("auto-delete", "true"),
                        inert(number("connection-limit", 0)),
                        text("description", "none"),
                        inert(yesNo("enabled", "yes")),
                        inert(enabled("floating", "enabled")),
                        inert(choice("icmp-echo", "enabled", "enabled", "disabled", "selective")),
                        inert(trueFalse("inherited-traffic-group", "false")),
                        netmask("mask", "255.255.255.255").with(Trait.ALWAYS_LISTED),
                        metadata(),
                        inert(choice("route-advertisement", "disabled", "disabled", "enabled", "selective", "always",
                                "any", "all")),
                        inert(choice("server-scope", "any", "any", "all", "none")),
                        inert(enabled("spanning", "disabled")),
                        inert(ref("traffic-group", Family.TRAFFIC_GROUP, "/Common/traffic-group-1", "none"))
                                .with(Trait.ALWAYS_LISTED),
                        number("unit", 1).with(Trait.READ_ONLY))
                .build();
    }

    /** REST writes members inline as a string array, with an array of snat-translation links. */
    public static ComponentType snatpool() {
        return ComponentType.builder("ltm snatpool", Family.SNATPOOL, "SNAT Pool")
                .with(inert(text("app-service", "none")),
                        text("description", "none"),
                        collection("members", new ItemNaming.AddressName(), false, false)
                                .with(Trait.REQUIRED, Trait.ALWAYS_LISTED))
                .build();
    }

    /** The translation addresses snatpool members create implicitly; bigip.conf writes address and traffic group. */
    public static ComponentType snatTranslation() {
        return ComponentType.builder("ltm snat-translation", Family.SNAT_TRANSLATION, "SNAT Translation Address")
                .with(address("address", null).with(Trait.ALWAYS_LISTED),
                        inert(text("app-service", "none")),
                        inert(enabled("arp", "enabled")),
                        inert(number("connection-limit", 0)),
                        text("description", "none"),
                        inert(flag("enabled", "enabled", "enabled", "disabled")),
                        inert(numberOrWord("ip-idle-timeout", "indefinite", U32, "indefinite")),
                        inert(trueFalse("inherited-traffic-group", "true")).with(Trait.ALWAYS_LISTED),
                        inert(numberOrWord("tcp-idle-timeout", "indefinite", U32, "indefinite")),
                        inert(ref("traffic-group", Family.TRAFFIC_GROUP, "/Common/traffic-group-1", "none"))
                                .with(Trait.ALWAYS_LISTED),
                        inert(numberOrWord("udp-idle-timeout", "indefinite", U32, "indefinite")),
                        number("unit", 1).with(Trait.READ_ONLY))
                .build();
    }
}
