package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.number;
import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.text;
import static net.gatehouse.appliance.schema.Props.trueFalse;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Property.Trait;

/** {@code sys db} variables and the partitions and folders that hold every other object. */
public final class SysCore {

    private SysCore() {
    }

    public static List<ComponentType> all() {
        return List.of(db(), partition(), folder());
    }

    private static Property inert(Property property) {
        return property.with(Trait.INERT);
    }

    /**
     * A db variable as BIG-IP ships it: name, default value, allowed range (as REST's
     * {@code valueRange} shows it) and whether it is in the saved configuration ({@code scf-config}).
     */
    private record DbVariable(String name, String defaultValue, String range, boolean scfConfig) {
    }

    private static final List<DbVariable> VARIABLES = List.of(
            // Unconfirmed name and default; controls whether tmsh list shows ports as service names.
            new DbVariable("bigpipe.displayservicenames", "true", "false true", false),
            new DbVariable("config.allow.rfc3927", "disable", "disable enable", false),
            new DbVariable("connection.vlankeyed", "enable", "disable enable", false),
            new DbVariable("dns.cache", "disable", "disable enable", false),
            new DbVariable("provision.cpu.afm", "0", "integer min:0 max:100", false),
            new DbVariable("provision.extramb", "0", "integer min:0 max:8192", false),
            new DbVariable("setup.run", "true", "false true", false),
            new DbVariable("statemirror.secure", "disable", "disable enable", true),
            new DbVariable("systemauth.disablebash", "false", "false true", true),
            new DbVariable("systemauth.disablerootlogin", "false", "false true", false),
            // Gatehouse's own (BIG-IP has no such keys): answer an HTTP failure with an error page
            // instead of a reset, and the HTTP request header and server response timeouts.
            new DbVariable("tm.gatehouse.http.errorpage", "disable", "disable enable", true),
            new DbVariable("tm.gatehouse.http.headertimeout", "10", "integer min:1 max:3600", true),
            new DbVariable("tm.gatehouse.http.responsetimeout", "300", "integer min:1 max:86400", true),
            new DbVariable("tm.tcpsegmentationoffload", "enable", "disable enable", false),
            new DbVariable("ui.advisory.color", "green", "green blue orange red yellow", false),
            new DbVariable("ui.advisory.enabled", "false", "false true", false),
            new DbVariable("ui.advisory.text", "", "", false),
            new DbVariable("ui.system.preferences.recordsperscreen", "10", "integer min:10 max:100", false));

    /** tmsh shows all four values quoted; REST writes them all as strings. */
    public static ComponentType db() {
        ComponentType.Builder builder = ComponentType.builder("sys db", Family.DB, "Database Variable")
                .unpartitioned()
                .fixed()
                // REST calls it defaultValue, not tmDefault (which is the virtual persist item's default).
                .with(text("default-value", null).with(Trait.READ_ONLY, Trait.QUOTED).restName("defaultValue"),
                        trueFalse("scf-config", "false").with(Trait.READ_ONLY, Trait.QUOTED),
                        text("value", null).with(Trait.ALWAYS_LISTED, Trait.QUOTED),
                        text("value-range", null).with(Trait.READ_ONLY, Trait.QUOTED));
        for (DbVariable variable : VARIABLES) {
            Body body = Body.texts("default-value", variable.defaultValue(),
                    "value", variable.defaultValue(),
                    "value-range", variable.range());
            builder.builtin(variable.name(),
                    variable.scfConfig() ? body.with("scf-config", new Value.Text("true")) : body);
        }
        return builder.build();
    }

    /** REST: fullPath without a leading slash ({@code "Common"}). */
    public static ComponentType partition() {
        return ComponentType.builder("auth partition", Family.FOLDER, "Partition")
                .unpartitioned()
                .with(inert(number("default-route-domain", 0, 65534, 0)),
                        text("description", "none"))
                .builtin("Common", Body.texts("description", "Repository for system objects and shared objects."))
                .build();
    }

    /**
     * The root folder {@code /}, each partition's root folder ({@code /Common}, {@code /Tenant1}: it
     * comes and goes with its {@code auth partition}) and the folders below them. The root does not
     * inherit a device group or traffic group; everything below does.
     */
    public static ComponentType folder() {
        return ComponentType.builder("sys folder", Family.FOLDER, "Folder")
                .with(inert(text("app-service", "none")),
                        text("description", "none"),
                        inert(text("device-group", "none")).with(Trait.REST_SHOWS_NONE),
                        inert(trueFalse("hidden", "false")),
                        inert(trueFalse("inherited-devicegroup", "true")),
                        inert(trueFalse("inherited-traffic-group", "true")),
                        inert(trueFalse("no-ref-check", "false")),
                        inert(ref("traffic-group", Family.TRAFFIC_GROUP, "/Common/traffic-group-1", "none")))
                .builtin("/", Body.texts("inherited-devicegroup", "false", "inherited-traffic-group", "false"))
                .builtin(Paths.COMMON, Body.EMPTY)
                .builtin("Drafts", Body.EMPTY)
                .build();
    }
}
