package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.text;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * Persistence profiles {@code cookie} and {@code source-addr}; they share one name family. REST writes
 * {@code timeout} and {@code expiration} as strings ({@code "180"}, {@code "indefinite"}, {@code "1:0:0"}).
 */
public final class LtmPersistence {

    private LtmPersistence() {
    }

    public static List<ComponentType> all() {
        return List.of(cookie(), sourceAddr(), destAddr(), universal(), ssl(), hash());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    private static ComponentType.Builder persistence(String type, String root) {
        return persistence(type, root, Body.texts("defaults-from", "none"));
    }

    private static ComponentType.Builder persistence(String type, String root, Body rootBody) {
        return ComponentType.builder("ltm persistence " + type, Family.PERSISTENCE, "persistence profile")
                .inheritsThrough("defaults-from")
                .with(inert(text("app-service", "none")).with(Trait.ALWAYS_LISTED),
                        ref("defaults-from", Family.PERSISTENCE, "/Common/" + root, "none")
                                .with(Trait.ALWAYS_LISTED),
                        text("description", "none"),
                        enabled("match-across-pools", "disabled"),
                        enabled("match-across-services", "disabled"),
                        enabled("match-across-virtuals", "disabled"),
                        inert(enabled("mirror", "disabled")),
                        enabled("override-connection-limit", "disabled"),
                        text("timeout", "180"))
                .builtin(root, rootBody);
    }

    public static ComponentType cookie() {
        return persistence("cookie", "cookie")
                .with(enabled("always-send", "disabled"),
                        choice("cookie-encryption", "disabled", "disabled", "preferred", "required"),
                        // Not confirmed in a capture; a secret, REST never returns it.
                        text("cookie-encryption-passphrase", "none").with(Trait.SECRET),
                        // none: the appliance names the cookie BIGipServer<pool>.
                        text("cookie-name", "none"),
                        inert(enabled("encrypt-cookie-poolname", "disabled")),
                        text("expiration", "0"),
                        inert(number("hash-length", 0)),
                        inert(number("hash-offset", 0)),
                        enabled("httponly", "enabled"),
                        choice("method", "insert", "insert", "rewrite", "passive", "hash"),
                        enabled("secure", "enabled"))
                .build();
    }

    public static ComponentType sourceAddr() {
        return persistence("source-addr", "source_addr")
                .with(choice("hash-algorithm", "default", "default", "carp"),
                        inert(enabled("map-proxies", "enabled")),
                        inert(text("map-proxy-address", "none")),
                        inert(text("map-proxy-class", "none")),
                        text("mask", "none"))
                .build();
    }

    /** Destination-address affinity: {@code dest_addr}. */
    public static ComponentType destAddr() {
        return persistence("dest-addr", "dest_addr")
                .with(choice("hash-algorithm", "default", "default", "carp"),
                        text("mask", "none"))
                .build();
    }

    /** Persistence on a key an iRule computes ({@code persist uie}); the rule names the iRule. */
    public static ComponentType universal() {
        return persistence("universal", "universal")
                .with(ref("rule", Family.RULE, "none", "none"))
                .build();
    }

    /** SSL session-ID persistence; the built-in {@code ssl} keeps a session for 300 seconds. */
    public static ComponentType ssl() {
        return persistence("ssl", "ssl", Body.texts("defaults-from", "none", "timeout", "300")).build();
    }

    /** Hash persistence: a key taken from the payload between patterns, or computed by an iRule. */
    public static ComponentType hash() {
        return persistence("hash", "hash")
                .with(choice("hash-algorithm", "default", "default", "carp"),
                        inert(number("hash-buffer-limit", 0)),
                        inert(text("hash-end-pattern", "none")),
                        inert(number("hash-length", 0)),
                        inert(number("hash-offset", 0)),
                        inert(text("hash-start-pattern", "none")),
                        ref("rule", Family.RULE, "none", "none"))
                .build();
    }
}
