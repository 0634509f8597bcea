package net.gatehouse.appliance.command;

import net.gatehouse.appliance.config.ConfigError;

/**
 * Decides whether a principal may run a command. It sits in the command service, so no interface
 * can go around it. Roles and partition access come with the users issue; until then every
 * authenticated principal is an administrator.
 */
public interface Authorizer {

    void authorize(Principal principal, Command command) throws ConfigError;

    /** Every principal may do everything, as the built-in admin may. */
    static Authorizer administratorsOnly() {
        return (principal, command) -> {
        };
    }
}
