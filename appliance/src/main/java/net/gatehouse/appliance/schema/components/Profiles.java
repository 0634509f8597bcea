package net.gatehouse.appliance.schema.components;

import static net.gatehouse.appliance.schema.Props.ref;
import static net.gatehouse.appliance.schema.Props.text;

import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Property.Trait;

/** What every traffic profile shares: its family, {@code defaults-from} inheritance and root built-in. */
final class Profiles {

    private Profiles() {
    }

    /** {@code ltm profile <type>}, inheriting through {@code defaults-from} from its root built-in {@code root}. */
    static ComponentType.Builder profile(String type, String root) {
        return ComponentType.builder("ltm profile " + type, Family.PROFILE, "profile")
                .inheritsThrough("defaults-from")
                .with(text("app-service", "none").with(Trait.INERT, Trait.ALWAYS_LISTED),
                        ref("defaults-from", Family.PROFILE, "/Common/" + root, "none").with(Trait.ALWAYS_LISTED),
                        text("description", "none"));
    }

    /** The body of a built-in derived from {@code parent}, with the values it changes. */
    static Body derived(String parent, String... namesAndValues) {
        String[] all = new String[namesAndValues.length + 2];
        all[0] = "defaults-from";
        all[1] = "/Common/" + parent;
        System.arraycopy(namesAndValues, 0, all, 2, namesAndValues.length);
        return Body.texts(all);
    }
}
