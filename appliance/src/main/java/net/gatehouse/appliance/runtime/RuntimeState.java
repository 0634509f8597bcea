package net.gatehouse.appliance.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Value;

/**
 * Merges what the monitors say into a node's or pool members' {@code state} where tmsh and REST show
 * it: {@code user-up} as written reads back {@code up}, {@code down}, {@code unchecked} or
 * {@code checking}; {@code user-down} stays {@code user-down}.
 */
public final class RuntimeState {

    private RuntimeState() {
    }

    /** The {@code state} word shown for a configured state and the monitors' availability. */
    public static String state(String configured, Availability availability) {
        return configured.equals("user-down") ? "user-down" : availability.memberState();
    }

    /**
     * The body with runtime states; {@code listMonitored} also adds {@code state} where it is not set
     * but a monitor decides it (tmsh {@code list} shows {@code state up} for a monitored member).
     */
    public static Body merge(ConfigObject object, Body body, HealthView health, boolean listMonitored) {
        String type = object.type().path();
        if (type.equals("ltm node")) {
            return withState(body, health.node(object.fullPath()), listMonitored);
        }
        if (!type.equals("ltm pool")) {
            return body;
        }
        Optional<Value> members = body.get("members");
        if (members.isEmpty() || !(members.get() instanceof Value.Items items)) {
            return body;
        }
        List<Item> shown = new ArrayList<>();
        for (Item item : items.items()) {
            shown.add(new Item(item.name(), withState(item.body(), health.member(object.fullPath(), item.name()),
                    listMonitored)));
        }
        return body.with("members", new Value.Items(shown));
    }

    /** The body with the read-only details read from the object's certificate, replacing any stored value. */
    public static Body withDetails(Body body, Body details) {
        return details.isEmpty() ? body : body.edit(values -> values.putAll(details.values()));
    }

    private static Body withState(Body body, Availability availability, boolean listMonitored) {
        Optional<String> configured = body.text("state");
        if (configured.isEmpty() && !(listMonitored && availability != Availability.UNKNOWN)) {
            return body;
        }
        return body.with("state", new Value.Text(state(configured.orElse("user-up"), availability)));
    }
}
