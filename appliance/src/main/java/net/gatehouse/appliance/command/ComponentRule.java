package net.gatehouse.appliance.command;

import java.util.List;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;

/**
 * What a component does beyond its property list, kept next to the command service: values it
 * derives (a member's address), objects it implies (the node of a member, the virtual address of a
 * virtual) and checks BIG-IP makes across properties (one transport profile per virtual).
 */
public interface ComponentRule {

    /** The body after derived values are filled in. */
    default Body derive(ConfigObject object, Snapshot candidate) {
        return object.body();
    }

    /** Objects that must exist because this one does (created when missing, never deleted with it). */
    default List<ConfigObject> implied(ConfigObject object, Snapshot candidate) {
        return List.of();
    }

    /** Objects deleted together with this one (a partition and its root folder), as they stand in {@code candidate}. */
    default List<ConfigObject> deletedWith(ConfigObject object, Snapshot candidate) {
        return List.of();
    }

    /** Refuses what BIG-IP refuses. */
    default void validate(ConfigObject object, Snapshot candidate) throws ConfigError {
    }
}
