package net.gatehouse.appliance.persist;

import net.gatehouse.appliance.command.ComponentRule;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Snapshot;

/**
 * A cookie persistence profile that encrypts its cookie ({@code cookie-encryption preferred} or
 * {@code required}, set or inherited) needs a {@code cookie-encryption-passphrase} to derive the key
 * from; without one the change is refused, naming the profile.
 */
public final class CookieProfileRule implements ComponentRule {

    @Override
    public void validate(ConfigObject object, Snapshot candidate) throws ConfigError {
        Body body = new Effective(candidate).body(object);
        String encryption = body.text("cookie-encryption").orElse("disabled");
        if (!encryption.equals("disabled")
                && body.text("cookie-encryption-passphrase").orElse("none").equals("none")) {
            throw ConfigError.general("The persistence profile (" + object.fullPath() + ") has cookie-encryption "
                    + encryption + " but no cookie-encryption-passphrase.");
        }
    }
}
