package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.address;
import static net.gatehouse.appliance.schema.Props.block;
import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.flag;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.prefix;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.trueFalse;
import static net.gatehouse.appliance.schema.Props.wordOrList;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * The network the appliance sits on: {@code net vlan}, {@code net self}, {@code net route} and
 * {@code net route-domain}, as configuration. Gatehouse binds its listeners through the host's own
 * interfaces; these objects are stored, validated, shown and saved to {@code bigip_base.conf}.
 */
public final class Net {

    private Net() {
    }

    public static List<ComponentType> all() {
        return List.of(vlan(), routeDomain(), self(), route());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    /** {@code interfaces { 1.1 { tagged } }}: an interface and whether its frames carry the VLAN tag. */
    public static ComponentType vlan() {
        return ComponentType.builder("net vlan", Family.VLAN, "VLAN")
                .with(inert(text("app-service", "none")),
                        inert(choice("auto-lasthop", "default", "default", "enabled", "disabled")),
                        inert(choice("cmp-hash", "default", "default", "src-ip", "dst-ip")),
                        inert(number("customer-tag", 0)),
                        inert(enabled("dag-round-robin", "disabled")),
                        inert(choice("dag-tunnel", "outer", "outer", "inner")),
                        text("description", "none"),
                        inert(enabled("failsafe", "disabled")),
                        inert(choice("failsafe-action", "failover-restart-tm", "failover-restart-tm",
                                "failover", "reboot", "restart-all")),
                        inert(number("failsafe-timeout", 90)),
                        inert(choice("fwd-mode", "l3", "l3", "l2")),
                        inert(enabled("hardware-syncookie", "enabled")),
                        number("if-index", 0).with(Trait.READ_ONLY),
                        collection("interfaces", new ItemNaming.Plain(), true, false,
                                flag("tagging", "untagged", "tagged", "untagged"),
                                inert(choice("tag-mode", "none", "none", "service", "customer", "double"))),
                        inert(choice("learning", "enable-forward", "enable-forward", "disable-forward",
                                "disable-drop")),
                        number("mtu", 576, 9198, 1500),
                        inert(block("sflow",
                                number("poll-interval", 0),
                                choice("poll-interval-global", "yes", "yes", "no"),
                                number("sampling-rate", 0),
                                choice("sampling-rate-global", "yes", "yes", "no"))),
                        inert(enabled("source-checking", "disabled")),
                        inert(number("syncache-threshold", 16000)),
                        number("tag", 1, 4094, 4094))
                .build();
    }

    /**
     * A self IP: {@code address} is {@code address[%rd]/prefix}; {@code allow-service} is {@code none},
     * {@code all}, or a list such as {@code { default tcp:22 }}.
     */
    public static ComponentType self() {
        return ComponentType.builder("net self", Family.SELF, "Self IP")
                .with(prefix("address", null).with(Trait.REQUIRED, Trait.ALWAYS_LISTED),
                        wordOrList("allow-service", "none", "none", "all", "default").with(Trait.ALWAYS_LISTED),
                        inert(text("app-service", "none")),
                        text("description", "none"),
                        enabled("floating", "disabled"),
                        inert(text("fw-enforced-policy", "none")),
                        inert(trueFalse("inherited-traffic-group", "false")),
                        inert(text("service-policy", "none")),
                        ref("traffic-group", Family.TRAFFIC_GROUP, "/Common/traffic-group-local-only")
                                .with(Trait.ALWAYS_LISTED),
                        number("unit", 0).with(Trait.READ_ONLY),
                        ref("vlan", Family.VLAN, null).with(Trait.REQUIRED, Trait.ALWAYS_LISTED))
                .build();
    }

    /**
     * A static route: {@code network} ({@code default}, {@code default-inet6} or an address/prefix)
     * reached through a gateway, a pool, a VLAN or tunnel, or rejected.
     */
    public static ComponentType route() {
        return ComponentType.builder("net route", Family.ROUTE, "Route")
                .with(inert(text("app-service", "none")),
                        inert(flag("blackhole", null, "blackhole")),
                        text("description", "none"),
                        address("gw", "none"),
                        text("interface", "none"),
                        number("mtu", 0, 9198, 0),
                        text("network", null).with(Trait.REQUIRED, Trait.ALWAYS_LISTED),
                        ref("pool", Family.POOL, "none", "none"),
                        ref("tm-interface", Family.VLAN, "none", "none"))
                .build();
    }

    /** A route domain: its {@code id} (the {@code %id} suffix of addresses) and the VLANs in it. */
    public static ComponentType routeDomain() {
        return ComponentType.builder("net route-domain", Family.ROUTE_DOMAIN, "Route Domain")
                .with(inert(text("app-service", "none")),
                        inert(text("bwc-policy", "none")),
                        inert(number("connection-limit", 0)),
                        text("description", "none"),
                        inert(text("flow-eviction-policy", "none")),
                        inert(text("fw-enforced-policy", "none")),
                        number("id", 0, 65534, 0).with(Trait.REQUIRED, Trait.ALWAYS_LISTED),
                        ref("parent", Family.ROUTE_DOMAIN, "none", "none"),
                        inert(words("routing-protocol")),
                        inert(text("service-policy", "none")),
                        inert(enabled("strict", "enabled")),
                        // Plain: route domain 0 also holds tunnels (http-tunnel, socks-tunnel), not modelled.
                        collection("vlans", new ItemNaming.Plain(), false, false))
                .builtin("0", Body.texts("id", "0"))
                .build();
    }
}
