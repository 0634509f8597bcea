package net.gatehouse.appliance.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.gatehouse.appliance.auth.Role.Verb;
import net.gatehouse.appliance.command.Authorizer;
import net.gatehouse.appliance.command.Change;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Item;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;

/**
 * BIG-IP's role and partition authorisation, read from the running configuration's {@code auth user}
 * objects. An object in a partition is judged by the user's role there; an object of no partition
 * (system objects: {@code sys}, {@code net}, {@code auth partition}) by the role in {@code Common}.
 * The appliance itself (boot, HA) is trusted. Refusals carry mcpd's words:
 * {@code 01070822:3: Access Denied: user (bob) does not have create access to object (pool)}.
 */
public final class RoleAuthorizer implements Authorizer {

    /** The code of mcpd's access refusals. */
    public static final String ACCESS_DENIED = "01070822";

    private static final Set<String> ENABLE_DISABLE = Set.of("session", "state");
    private static final Set<String> PASSWORD = Set.of("encrypted-password");
    private static final String ENCRYPTED_PASSWORD = "encrypted-password";

    @Override
    public void authorize(Principal principal, Command command, Snapshot running) throws ConfigError {
        if (trusted(principal)) {
            return;
        }
        ComponentType type = command.type();
        Verb verb = verb(command, running);
        if (verb == Verb.MODIFY && ownAccount(principal, type, command.fullPath())) {
            return;
        }
        Role role = roleFor(UserRoles.of(running, principal.user()), type, command.fullPath());
        if (!role.mayWrite(type, verb)) {
            throw denied(principal, verb, type);
        }
    }

    @Override
    public void authorize(Principal principal, Change change, Snapshot running) throws ConfigError {
        if (trusted(principal)) {
            return;
        }
        ConfigObject object = change.object();
        ComponentType type = object.type();
        Verb verb = change.isCreate() ? Verb.CREATE : change.isDelete() ? Verb.DELETE : Verb.MODIFY;
        UserRoles roles = UserRoles.of(running, principal.user());
        if (verb == Verb.MODIFY && ownAccount(principal, type, object.fullPath()) && roles.any()
                && onlyDiffers(change, PASSWORD)) {
            return;
        }
        Role role = roleFor(roles, type, object.fullPath());
        boolean allowed = role.mayWrite(type, verb) && switch (role) {
            case OPERATOR -> type.path().equals("ltm node") ? onlyDiffers(change, ENABLE_DISABLE) : membersEnabledOnly(change);
            case USER_MANAGER -> withinScope(roles, change.before()) && withinScope(roles, change.after());
            default -> true;
        };
        if (!allowed) {
            throw denied(principal, verb, type);
        }
    }

    @Override
    public Optional<ConfigObject> visible(Principal principal, ConfigObject object, Snapshot running) {
        if (trusted(principal)) {
            return Optional.of(object);
        }
        UserRoles roles = UserRoles.of(running, principal.user());
        ComponentType type = object.type();
        if (Role.isUserAccount(type)) {
            Role role = roleFor(roles, type, object.fullPath());
            boolean own = object.fullPath().equals(principal.user()) && roles.any();
            if (!own && !role.readsUsers()) {
                return Optional.empty();
            }
            return Optional.of(role == Role.ADMIN || role == Role.USER_MANAGER ? object
                    : object.withBody(object.body().without(ENCRYPTED_PASSWORD)));
        }
        boolean reads = type.partitioned() ? roles.reads(Paths.partition(object.fullPath())) : roles.any();
        return reads ? Optional.of(object) : Optional.empty();
    }

    private static boolean trusted(Principal principal) {
        return principal.origin() == Principal.Origin.BOOT || principal.origin() == Principal.Origin.HA;
    }

    private static boolean ownAccount(Principal principal, ComponentType type, String fullPath) {
        return Role.isUserAccount(type) && fullPath.equals(principal.user());
    }

    private static Verb verb(Command command, Snapshot running) {
        if (command instanceof Command.Create) {
            return Verb.CREATE;
        }
        if (command instanceof Command.Delete) {
            return Verb.DELETE;
        }
        if (command instanceof Command.Modify) {
            return Verb.MODIFY;
        }
        return running.get(command.type(), command.fullPath()).isPresent() ? Verb.MODIFY : Verb.CREATE;
    }

    /**
     * The role that judges an object: its partition's role; for system objects the role in Common;
     * for user accounts, user-manager wherever the user holds it (its scope is checked on the change).
     */
    private static Role roleFor(UserRoles roles, ComponentType type, String fullPath) {
        if (type.partitioned()) {
            return roles.in(Paths.partition(fullPath));
        }
        Role system = roles.system();
        if (Role.isUserAccount(type) && system != Role.ADMIN && holdsAnywhere(roles, Role.USER_MANAGER)) {
            return Role.USER_MANAGER;
        }
        return system;
    }

    private static boolean holdsAnywhere(UserRoles roles, Role role) {
        return roles.allPartitions().filter(role::equals).isPresent() || roles.partitions().containsValue(role);
    }

    /** Whether the change leaves everything but {@code properties} as it was. */
    private static boolean onlyDiffers(Change change, Set<String> properties) {
        if (change.before().isEmpty() || change.after().isEmpty()) {
            return false;
        }
        return without(change.before().get().body(), properties).equals(without(change.after().get().body(), properties));
    }

    private static Body without(Body body, Set<String> properties) {
        Body rest = body;
        for (String property : properties) {
            rest = rest.without(property);
        }
        return rest;
    }

    /** A pool change that only enables or disables existing members. */
    private static boolean membersEnabledOnly(Change change) {
        if (change.before().isEmpty() || change.after().isEmpty()) {
            return false;
        }
        Body before = change.before().get().body();
        Body after = change.after().get().body();
        if (!before.without("members").equals(after.without("members"))) {
            return false;
        }
        List<Item> was = items(before);
        List<Item> now = items(after);
        if (was.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < was.size(); i++) {
            if (!was.get(i).name().equals(now.get(i).name())
                    || !without(was.get(i).body(), ENABLE_DISABLE).equals(without(now.get(i).body(), ENABLE_DISABLE))) {
                return false;
            }
        }
        return true;
    }

    private static List<Item> items(Body body) {
        return body.get("members").filter(Value.Items.class::isInstance).map(v -> ((Value.Items) v).items())
                .orElse(List.of());
    }

    /**
     * A user manager manages accounts whose every partition it manages users in, and never grants
     * admin or resource-admin.
     */
    private static boolean withinScope(UserRoles manager, Optional<ConfigObject> account) {
        if (account.isEmpty()) {
            return true;
        }
        UserRoles target = UserRoles.of(account.get());
        if (target.allPartitions().isPresent() && !manager.allPartitions().filter(Role.USER_MANAGER::equals).isPresent()) {
            return false;
        }
        for (String partition : target.partitions().keySet()) {
            if (manager.in(partition) != Role.USER_MANAGER) {
                return false;
            }
        }
        return target.allPartitions().stream().noneMatch(RoleAuthorizer::privileged)
                && target.partitions().values().stream().noneMatch(RoleAuthorizer::privileged);
    }

    private static boolean privileged(Role role) {
        return role == Role.ADMIN || role == Role.RESOURCE_ADMIN;
    }

    /** mcpd's refusal, naming the object kind as mcpd does ({@code pool}, {@code virtual_server}). */
    static ConfigError denied(Principal principal, Verb verb, ComponentType type) {
        return new ConfigError(ACCESS_DENIED, "Access Denied: user (" + principal.user() + ") does not have "
                + verb.word() + " access to object (" + mcpdName(type) + ")");
    }

    private static String mcpdName(ComponentType type) {
        return switch (type.path()) {
            case "ltm virtual" -> "virtual_server";
            case "ltm node" -> "node_address";
            case "ltm virtual-address" -> "virtual_address";
            default -> {
                String path = type.path();
                yield path.substring(path.indexOf(' ') + 1).replace(' ', '_').replace('-', '_');
            }
        };
    }
}
