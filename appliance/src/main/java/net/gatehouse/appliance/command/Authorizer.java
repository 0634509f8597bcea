package net.gatehouse.appliance.command;

import java.util.Optional;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;

/**
 * Decides what a principal may change and see. It sits in the command service, so no interface
 * (tmsh, SSH, REST, transactions, file loads) can go around it; {@code running} is the
 * configuration the decision is made against (its {@code auth user} objects give the roles).
 */
public interface Authorizer {

    /** Before a command is applied: may the principal change this kind of object, there, that way at all? */
    void authorize(Principal principal, Command command, Snapshot running) throws ConfigError;

    /** Once the batch is complete: may the principal make this change (implied objects included)? */
    void authorize(Principal principal, Change change, Snapshot running) throws ConfigError;

    /** What the principal sees of an object: nothing when it is hidden from them, else the object. */
    Optional<ConfigObject> visible(Principal principal, ConfigObject object, Snapshot running);
}
