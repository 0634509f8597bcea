package net.gatehouse.appliance.command;

import java.util.Optional;
import net.gatehouse.appliance.config.ConfigObject;

/** What one commit did to one object: its state before and after (empty when created or deleted). */
public record Change(Optional<ConfigObject> before, Optional<ConfigObject> after) {

    public ConfigObject object() {
        return after.or(() -> before).orElseThrow();
    }

    public boolean isCreate() {
        return before.isEmpty();
    }

    public boolean isDelete() {
        return after.isEmpty();
    }
}
