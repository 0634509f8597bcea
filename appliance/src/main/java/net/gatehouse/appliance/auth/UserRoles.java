package net.gatehouse.appliance.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;

/**
 * A user's roles, read from the {@code partition-access} of their {@code auth user}:
 * {@code partition-access { all-partitions { role guest } Dev { role manager } }} gives the role named
 * for a partition there, and the {@code all-partitions} role everywhere else. Every user who may
 * read anything may read {@code /Common}, as on BIG-IP.
 */
public record UserRoles(Map<String, Role> partitions, Optional<Role> allPartitions) {

    public static final String ALL_PARTITIONS = "all-partitions";
    private static final String COMMON = "Common";

    public UserRoles {
        partitions = Map.copyOf(partitions);
    }

    /** No account: no role anywhere. */
    public static UserRoles none() {
        return new UserRoles(Map.of(), Optional.empty());
    }

    /** The roles of {@code user} in {@code running}; none when there is no such account. */
    public static UserRoles of(Snapshot running, String user) {
        return account(running, user).map(UserRoles::of).orElse(none());
    }

    public static Optional<ConfigObject> account(Snapshot running, String user) {
        Optional<ComponentType> type = running.schema().type("auth user");
        return type.flatMap(t -> running.get(t, user));
    }

    public static UserRoles of(ConfigObject user) {
        Map<String, Role> partitions = new LinkedHashMap<>();
        Optional<Role> all = Optional.empty();
        Optional<Value> access = user.body().get("partition-access");
        if (access.isPresent() && access.get() instanceof Value.Items items) {
            for (Item item : items.items()) {
                Role role = item.body().text("role").flatMap(Role::named).orElse(Role.NO_ACCESS);
                if (item.name().equals(ALL_PARTITIONS)) {
                    all = Optional.of(role);
                } else {
                    partitions.put(item.name(), role);
                }
            }
        }
        return new UserRoles(partitions, all);
    }

    /** The role in a partition ({@code Common}, not {@code /Common}); no-access where none is given. */
    public Role in(String partition) {
        return Optional.ofNullable(partitions.get(partition)).or(() -> allPartitions).orElse(Role.NO_ACCESS);
    }

    /** Whether the user has any role that reads (may log in at all). */
    public boolean any() {
        return allPartitions.filter(Role::reads).isPresent() || partitions.values().stream().anyMatch(Role::reads);
    }

    /** Whether the user may read objects in a partition. */
    public boolean reads(String partition) {
        return in(partition).reads() || (partition.equals(COMMON) && any());
    }

    /** Whether the user holds {@code role} in every partition ({@code all-partitions}). */
    public boolean everywhere(Role role) {
        return allPartitions.filter(role::equals).isPresent()
                && partitions.values().stream().allMatch(role::equals);
    }

    /** The role for system objects, which belong to no partition: the role in {@code Common}. */
    public Role system() {
        return in(COMMON);
    }
}
