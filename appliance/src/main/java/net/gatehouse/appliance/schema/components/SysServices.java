package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.List;
import java.util.Map;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * The management plane's own services, as BIG-IP configures them in {@code bigip_base.conf}: the
 * SNMP agent ({@code sys snmp}), syslog and its remote servers ({@code sys syslog}), TMM's log levels
 * ({@code sys daemon-log-settings tmm}) and the management interface's routes ({@code sys
 * management-route}). Gatehouse stores, validates, shows and saves them; none of them is acted on
 * (there is no SNMP agent, no syslog forwarding and no management routing table), so every
 * property is inert. Defaults are F5's (the REST answers of a fresh BIG-IP 14.1).
 */
public final class SysServices {

    /** Management routes are named objects of their own namespace. */
    static final Family MANAGEMENT_ROUTE = new Family("management-route");

    private static final String[] SYSLOG_LEVELS = {"alert", "crit", "debug", "emerg", "err", "info", "notice",
            "warning"};
    private static final String[] LOG_LEVELS = {"alert", "critical", "debug", "emergency", "error", "informational",
            "notice", "warning"};

    private SysServices() {
    }

    public static List<ComponentType> all() {
        return List.of(snmp(), syslog(), tmmLogSettings(), managementRoute());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    /**
     * The SNMP agent's settings, with its communities, traps, SNMPv3 users and disk and process
     * monitors as an exported {@code bigip_base.conf} holds them (items named {@code /Common/NAME}).
     */
    public static ComponentType snmp() {
        return ComponentType.builder("sys snmp", Family.SETTINGS, "SNMP")
                .with(inert(words("agent-addresses")),
                        inert(enabled("agent-trap", "enabled")),
                        inert(words("allowed-addresses")),
                        inert(enabled("auth-trap", "disabled")),
                        inert(enabled("bigip-traps", "enabled")),
                        inert(snmpItems("communities", text("access", "ro"), text("community-name", "none"),
                                text("description", "none"), enabled("ipv6", "disabled"), text("oid-subset", "none"),
                                text("source", "none"))),
                        text("description", "none"),
                        inert(snmpItems("disk-monitors", text("description", "none"), text("minspace", "none"),
                                text("minspace-type", "size"), text("path", "none"))),
                        inert(text("include", "none")),
                        inert(text("l2forward-vlan", "none")),
                        inert(number("load-max1", 12)),
                        inert(number("load-max15", 12)),
                        inert(number("load-max5", 12)),
                        inert(snmpItems("process-monitors", text("description", "none"),
                                text("max-processes", "none"), text("min-processes", "1"), text("process", "none"))),
                        inert(choice("snmpv1", "enable", "enable", "disable")),
                        inert(choice("snmpv2c", "enable", "enable", "disable")),
                        inert(text("sys-contact", "Customer Name <admin@customer.com>")),
                        inert(text("sys-location", "Network Closet 1")),
                        inert(number("sys-services", 78)),
                        inert(text("trap-community", "public")),
                        inert(text("trap-source", "none")).with(Trait.REST_SHOWS_NONE),
                        inert(snmpItems("traps", text("auth-password", "none"), text("auth-password-encrypted", "none"),
                                text("auth-protocol", "none"), text("community", "none"), text("description", "none"),
                                text("engine-id", "none"), text("host", "none"), text("port", "162"),
                                text("privacy-password", "none"), text("privacy-password-encrypted", "none"),
                                text("privacy-protocol", "none"), text("security-level", "no-auth-no-privacy"),
                                text("security-name", "none"), text("version", "2c"))),
                        inert(snmpItems("users", text("access", "ro"), text("auth-password", "none"),
                                text("auth-password-encrypted", "none"), text("auth-protocol", "none"),
                                text("description", "none"), text("oid-subset", "none"), text("privacy-password", "none"),
                                text("privacy-password-encrypted", "none"), text("privacy-protocol", "none"),
                                text("security-level", "no-auth-no-privacy"), text("source", "none"),
                                text("username", "none"))))
                .singleton(Body.of(Map.of(
                        "agent-addresses", Value.Items.of(Item.named("tcp6:161"),
                                Item.named("udp6:161")),
                        "allowed-addresses", Value.Items.of(Item.named("127.0.0.0/8")))))
                .build();
    }

    /** One of the agent's named lists ({@code communities}, {@code traps}, ...), its items named {@code /Common/NAME}. */
    private static Property snmpItems(String name, Property... itemProperties) {
        return collection(name, new ItemNaming.Plain(), true, false, itemProperties).with(Trait.REST_WHOLE_ITEM_NAMES);
    }

    /** Syslog's facility levels and the remote servers it would forward to. */
    public static ComponentType syslog() {
        return ComponentType.builder("sys syslog", Family.SETTINGS, "Syslog")
                .with(inert(choice("auth-priv-from", "notice", SYSLOG_LEVELS)),
                        inert(choice("auth-priv-to", "emerg", SYSLOG_LEVELS)),
                        inert(enabled("clustered-host-slot", "enabled")),
                        inert(enabled("clustered-message-slot", "disabled")),
                        inert(enabled("console-log", "enabled")),
                        inert(choice("cron-from", "warning", SYSLOG_LEVELS)),
                        inert(choice("cron-to", "emerg", SYSLOG_LEVELS)),
                        inert(choice("daemon-from", "notice", SYSLOG_LEVELS)),
                        inert(choice("daemon-to", "emerg", SYSLOG_LEVELS)),
                        text("description", "none"),
                        inert(text("include", "none")),
                        inert(enabled("iso-date", "disabled")),
                        inert(choice("kern-from", "debug", SYSLOG_LEVELS)),
                        inert(choice("kern-to", "emerg", SYSLOG_LEVELS)),
                        inert(choice("local6-from", "notice", SYSLOG_LEVELS)),
                        inert(choice("local6-to", "emerg", SYSLOG_LEVELS)),
                        inert(choice("mail-from", "notice", SYSLOG_LEVELS)),
                        inert(choice("mail-to", "emerg", SYSLOG_LEVELS)),
                        inert(choice("messages-from", "notice", SYSLOG_LEVELS)),
                        inert(choice("messages-to", "warning", SYSLOG_LEVELS)),
                        inert(collection("remote-servers", new ItemNaming.Plain(), true, false,
                                text("description", "none"),
                                text("host", "none"),
                                text("local-ip", "none"),
                                number("remote-port", 0, 65535, 514)).with(Trait.REST_WHOLE_ITEM_NAMES)),
                        inert(choice("user-log-from", "notice", SYSLOG_LEVELS)),
                        inert(choice("user-log-to", "emerg", SYSLOG_LEVELS)))
                .singleton(Body.EMPTY)
                .build();
    }

    /** The log level of each of TMM's subsystems. */
    public static ComponentType tmmLogSettings() {
        return ComponentType.builder("sys daemon-log-settings tmm", Family.SETTINGS, "TMM Log Settings")
                .with(inert(choice("arp-log-level", "warning", "debug", "error", "informational", "notice",
                                "warning")),
                        inert(choice("http-compression-log-level", "error", "debug", "error", "informational",
                                "notice", "warning")),
                        inert(choice("http-log-level", "error", "debug", "error", "informational", "notice",
                                "warning")),
                        inert(choice("ip-log-level", "warning", "debug", "informational", "notice", "warning")),
                        inert(choice("irule-log-level", "informational", "debug", "error", "informational",
                                "notice", "warning")),
                        inert(choice("layer4-log-level", "notice", "debug", "informational", "notice")),
                        inert(choice("net-log-level", "warning", "critical", "debug", "error", "informational",
                                "notice", "warning")),
                        inert(choice("os-log-level", "notice", LOG_LEVELS)),
                        inert(choice("pva-log-level", "informational", "debug", "informational", "notice")),
                        inert(choice("ssl-log-level", "warning", LOG_LEVELS)))
                .singleton(Body.EMPTY)
                .build();
    }

    /** A route of the management interface: {@code network} ({@code default} or address/prefix) via {@code gateway}. */
    public static ComponentType managementRoute() {
        return ComponentType.builder("sys management-route", MANAGEMENT_ROUTE, "Management Route")
                .with(text("description", "none"),
                        inert(text("gateway", "none")),
                        inert(number("mtu", 0, 9198, 0)),
                        inert(text("network", null).with(Trait.REQUIRED, Trait.ALWAYS_LISTED)))
                .build();
    }
}
