package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.choice;
import static net.gatehouse.appliance.schema.Props.collection;
import static net.gatehouse.appliance.schema.Props.enabled;
import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.refs;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.trueFalse;
import static net.gatehouse.appliance.schema.Props.words;

import java.util.Arrays;
import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.ItemNaming;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/**
 * Clustering: {@code cm device}, {@code cm device-group}, {@code cm traffic-group} and
 * {@code cm trust-domain}, as configuration (high availability itself comes with its own issue). A
 * fresh appliance is the device {@code bigip1}, alone in the trust domain {@code Root}, with the
 * traffic groups {@code traffic-group-1} and {@code traffic-group-local-only}.
 */
public final class Cm {

    private Cm() {
    }

    public static List<ComponentType> all() {
        return List.of(device(), trafficGroup(), deviceGroup(), trustDomain());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    public static ComponentType device() {
        return ComponentType.builder("cm device", Family.DEVICE, "Device")
                .with(inert(words("active-modules")),
                        inert(text("app-service", "none")),
                        text("base-mac", "none"),
                        text("build", "none"),
                        inert(text("cert", "none")),
                        text("chassis-id", "none"),
                        inert(text("chassis-type", "individual")),
                        inert(text("comment", "none")),
                        text("configsync-ip", "none"),
                        inert(text("contact", "none")),
                        text("description", "none"),
                        text("edition", "none"),
                        inert(text("failover-state", "active")),
                        inert(number("ha-capacity", 0)),
                        text("hostname", "none"),
                        inert(text("key", "none")),
                        inert(text("location", "none")),
                        text("management-ip", "none"),
                        inert(text("marketing-name", "none")),
                        text("mirror-ip", "any6"),
                        text("mirror-secondary-ip", "any6"),
                        inert(text("multicast-interface", "none")),
                        inert(text("multicast-ip", "any6")),
                        inert(number("multicast-port", 0)),
                        inert(words("optional-modules")),
                        text("platform-id", "none"),
                        text("product", "BIG-IP"),
                        trueFalse("self-device", "false"),
                        text("time-zone", "America/Los_Angeles"),
                        inert(words("time-limited-modules")),
                        collection("unicast-address", new ItemNaming.Plain(), true, false,
                                text("effective-ip", "none"),
                                number("effective-port", 1026),
                                text("ip", "none"),
                                number("port", 1026)),
                        text("version", "none"))
                .builtin("bigip1", Body.texts("hostname", "bigip1", "self-device", "true"))
                .build();
    }

    public static ComponentType trafficGroup() {
        return ComponentType.builder("cm traffic-group", Family.TRAFFIC_GROUP, "Traffic Group")
                .with(inert(text("app-service", "none")),
                        trueFalse("auto-failback-enabled", "false"),
                        number("auto-failback-time", 0, 300, 60),
                        ref("default-device", Family.DEVICE, "none", "none"),
                        text("description", "none"),
                        choice("failover-method", "ha-order", "ha-order", "ha-score", "load-aware"),
                        inert(text("ha-group", "none")),
                        inert(number("ha-load-factor", 1, 1000, 1)),
                        refs("ha-order", Family.DEVICE, true),
                        trueFalse("is-floating", "true").with(Trait.READ_ONLY),
                        inert(text("mac", "none")),
                        number("unit-id", 0).with(Trait.READ_ONLY))
                .builtin("traffic-group-1", Body.texts("unit-id", "1"))
                .builtin("traffic-group-local-only", Body.texts("is-floating", "false", "unit-id", "0"))
                .build();
    }

    public static ComponentType deviceGroup() {
        return ComponentType.builder("cm device-group", Family.DEVICE_GROUP, "Device Group")
                .with(inert(text("app-service", "none")),
                        inert(enabled("asm-sync", "disabled")),
                        enabled("auto-sync", "disabled"),
                        text("description", "none"),
                        refs("devices", Family.DEVICE, false),
                        trueFalse("full-load-on-sync", "false"),
                        inert(trueFalse("hidden", "false")),
                        inert(number("incremental-config-sync-size-max", 1024)),
                        enabled("network-failover", "enabled"),
                        trueFalse("save-on-auto-sync", "false"),
                        choice("type", "sync-only", "sync-only", "sync-failover"))
                .builtin("device_trust_group", Body.texts("auto-sync", "enabled", "full-load-on-sync", "true")
                        .with("devices", refItems("/Common/bigip1")))
                .builtin("gtm", Body.EMPTY)
                .build();
    }

    public static ComponentType trustDomain() {
        return ComponentType.builder("cm trust-domain", Family.TRUST_DOMAIN, "Trust Domain")
                .with(inert(text("app-service", "none")),
                        inert(text("ca-cert", "none")),
                        inert(text("ca-cert-bundle", "none")),
                        refs("ca-devices", Family.DEVICE, false),
                        inert(text("ca-key", "none")),
                        text("description", "none"),
                        inert(text("guid", "none")),
                        refs("non-ca-devices", Family.DEVICE, false),
                        inert(choice("status", "standalone", "standalone", "initialized")),
                        ref("trust-group", Family.DEVICE_GROUP, "none", "none"))
                .builtin("Root", Body.texts("ca-cert", "/Common/dtca.crt", "ca-cert-bundle", "/Common/dtca-bundle.crt",
                        "ca-key", "/Common/dtca.key", "trust-group", "/Common/device_trust_group")
                        .with("ca-devices", refItems("/Common/bigip1")))
                .build();
    }

    private static Value refItems(String... paths) {
        return new Value.Items(Arrays.stream(paths).map(Item::named).toList());
    }
}
