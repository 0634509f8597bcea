package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.text;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * Health monitors as configuration: {@code http}, {@code https}, {@code tcp}, {@code tcp-half-open},
 * {@code udp}, {@code gateway-icmp}, {@code icmp}, {@code external}, {@code inband} and {@code none}. Every user monitor inherits from its type's built-in through
 * {@code defaults-from}, as on BIG-IP; the built-ins themselves show {@code defaults-from none}.
 * {@code send}/{@code recv} hold the two characters {@code \r} as typed, as BIG-IP stores them.
 */
public final class LtmMonitors {

    private static final String GET = "GET /\\r\\n";
    private static final String HEAD = "HEAD / HTTP/1.0\\r\\n\\r\\n";
    private static final String SERVER_HEADER = "Server\\:";

    private LtmMonitors() {
    }

    public static List<ComponentType> all() {
        return List.of(http(), https(), tcp(), tcpHalfOpen(), udp(), gatewayIcmp(), icmp(), external(), inband(), none());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    /** What every monitor type has; {@code tmsh list} always shows adaptive, defaults-from, interval, time-until-up and timeout. */
    private static List<Property> common(String root, String destination) {
        return List.of(
                inert(enabled("adaptive", "disabled")).with(Trait.ALWAYS_LISTED),
                inert(choice("adaptive-divergence-type", "relative", "relative", "absolute")),
                inert(number("adaptive-divergence-value", 25)),
                inert(number("adaptive-limit", 200)),
                inert(number("adaptive-sampling-timespan", 300)),
                inert(text("app-service", "none")),
                ref("defaults-from", Family.MONITOR, "/Common/" + root, "none").with(Trait.ALWAYS_LISTED),
                text("description", "none"),
                text("destination", destination),
                number("interval", 1, 86400, 5).with(Trait.ALWAYS_LISTED),
                enabled("manual-resume", "disabled"),
                number("time-until-up", 0, 86400, 0).with(Trait.ALWAYS_LISTED),
                number("timeout", 1, 86400, 16).with(Trait.ALWAYS_LISTED),
                inert(enabled("transparent", "disabled")),
                number("up-interval", 0, 86400, 0));
    }

    /** The request/response properties of http, https and tcp; {@code tmsh list} always shows all but reverse. */
    private static List<Property> sendRecv(String send) {
        return List.of(
                inert(number("ip-dscp", 0, 63, 0)).with(Trait.ALWAYS_LISTED),
                text("recv", "none").with(Trait.ALWAYS_LISTED),
                text("recv-disable", "none").with(Trait.ALWAYS_LISTED),
                inert(enabled("reverse", "disabled")),
                text("send", send).with(Trait.ALWAYS_LISTED));
    }

    /** REST returns the password encrypted ({@code $M$...}). */
    private static List<Property> credentials() {
        return List.of(
                text("password", "none").with(Trait.SECRET),
                text("username", "none"));
    }

    private static ComponentType.Builder monitor(String type, String root, String destination) {
        return ComponentType.builder("ltm monitor " + type, Family.MONITOR, "monitor")
                .inheritsThrough("defaults-from")
                .with(common(root, destination))
                .builtin(root, Body.texts("defaults-from", "none"));
    }

    public static ComponentType http() {
        return monitor("http", "http", "*:*")
                .with(sendRecv(GET))
                .with(credentials())
                .builtin("http_head_f5", Body.texts("defaults-from", "/Common/http",
                        "recv", SERVER_HEADER,
                        "send", HEAD))
                .build();
    }

    /**
     * BIG-IP 13.x REST shows cipherlist and compatibility with these defaults; 14.1 REST captures of the
     * built-in omit them. Kept as 13.x shows them, with {@code ssl-profile none} (14.x+).
     */
    public static ComponentType https() {
        return monitor("https", "https", "*:*")
                .with(sendRecv(GET))
                .with(credentials())
                .with(text("cert", "none"),
                        text("cipherlist", "DEFAULT:+SHA:+3DES:+kEDH"),
                        inert(enabled("compatibility", "enabled")),
                        text("key", "none"),
                        inert(ref("ssl-profile", Family.PROFILE, "none", "none")))
                .builtin("https_443", Body.texts("defaults-from", "/Common/https",
                        "destination", "*:443"))
                .builtin("https_head_f5", Body.texts("defaults-from", "/Common/https",
                        "recv", SERVER_HEADER,
                        "send", HEAD))
                .build();
    }

    public static ComponentType tcp() {
        return monitor("tcp", "tcp", "*:*")
                .with(sendRecv("none"))
                .build();
    }

    /** A SYN, a SYN-ACK, a reset: the service is listening; nothing is sent. */
    public static ComponentType tcpHalfOpen() {
        return monitor("tcp-half-open", "tcp_half_open", "*:*")
                .build();
    }

    /** BIG-IP's built-in udp sends {@code default send string}. */
    public static ComponentType udp() {
        return monitor("udp", "udp", "*:*")
                .with(sendRecv("default send string"))
                .build();
    }

    /**
     * Runs a program: {@code run} names it (BIG-IP names a {@code sys file external-monitor}; here it
     * is the program's absolute path), {@code args} are passed after the address and port, and
     * {@code user-defined} variables are put in its environment. BIG-IP writes each variable as its
     * own {@code user-defined NAME VALUE} line; here they are one collection,
     * {@code user-defined { NAME { value VALUE } }}.
     */
    public static ComponentType external() {
        return monitor("external", "external", "*:*")
                .with(text("args", "none"),
                        text("run", "none"),
                        collection("user-defined", new ItemNaming.Plain(), true, false, text("value", "none")))
                .build();
    }

    /**
     * Passive: the data plane reports connection failures; {@code failures} within
     * {@code failure-interval} seconds mark the member down for {@code retry-time} seconds; a response
     * slower than {@code response-time} seconds counts as a failure.
     */
    public static ComponentType inband() {
        return ComponentType.builder("ltm monitor inband", Family.MONITOR, "monitor")
                .inheritsThrough("defaults-from")
                .with(inert(text("app-service", "none")),
                        ref("defaults-from", Family.MONITOR, "/Common/inband", "none").with(Trait.ALWAYS_LISTED),
                        text("description", "none"),
                        number("failure-interval", 1, 86400, 30).with(Trait.ALWAYS_LISTED),
                        number("failures", 1, 65535, 3).with(Trait.ALWAYS_LISTED),
                        number("response-time", 0, 86400, 10).with(Trait.ALWAYS_LISTED),
                        number("retry-time", 0, 86400, 300).with(Trait.ALWAYS_LISTED))
                .builtin("inband", Body.texts("defaults-from", "none"))
                .build();
    }

    /** No ip-dscp, send, recv or reverse. */
    public static ComponentType gatewayIcmp() {
        return monitor("gateway-icmp", "gateway_icmp", "*:*")
                .build();
    }

    public static ComponentType icmp() {
        return monitor("icmp", "icmp", "*")
                .build();
    }

    public static ComponentType none() {
        return ComponentType.builder("ltm monitor none", Family.MONITOR, "monitor")
                .with(inert(text("app-service", "none")),
                        text("description", "none"))
                .builtin("none", Body.EMPTY)
                .build();
    }
}
