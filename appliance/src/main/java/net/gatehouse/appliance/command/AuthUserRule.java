package net.gatehouse.appliance.command;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * {@code auth user}: a password given in tmsh or REST is never stored; it becomes
 * {@code encrypted-password}, sha512-crypt with a fresh salt ({@code $6$salt$hash}), as BIG-IP keeps
 * it in {@code bigip_user.conf}. A password the {@code auth password-policy} refuses is not hashed,
 * and validation refuses the change, naming the rule it breaks (never the password).
 */
final class AuthUserRule implements ComponentRule {

    @Override
    public Body derive(ConfigObject user, Snapshot candidate) {
        Optional<String> password = user.body().text("password");
        if (password.isEmpty() || PasswordPolicy.of(candidate).refusal(password.get()).isPresent()) {
            return user.body();
        }
        String hash = Sha2Crypt.sha512Crypt(password.get().getBytes(StandardCharsets.UTF_8));
        return user.body().without("password").with("encrypted-password", new Value.Text(hash));
    }

    @Override
    public void validate(ConfigObject user, Snapshot candidate) throws ConfigError {
        Optional<String> password = user.body().text("password");
        if (password.isPresent()) {
            String reason = PasswordPolicy.of(candidate).refusal(password.get()).orElseThrow(() ->
                    new IllegalStateException("the password of " + user.fullPath() + " was neither hashed nor refused"));
            throw new ConfigError("010719e7", "Bad password (" + user.fullPath() + "): BAD PASSWORD: " + reason);
        }
    }
}
