package net.gatehouse.appliance.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import org.apache.commons.codec.digest.Sha2Crypt;

/**
 * Checks passwords against the {@code auth user} objects of the running configuration, whose
 * {@code encrypted-password} is sha512-crypt as BIG-IP stores it. Every interface that logs a user
 * in (REST, SSH) asks here, so there is one set of accounts: the one tmsh, REST and
 * {@code bigip_user.conf} show and change.
 */
public final class UserAccounts {

    private static final String FACTORY_USER = "admin";
    private static final String FACTORY_PASSWORD = "admin";

    private final Supplier<Snapshot> snapshot;

    public UserAccounts(Supplier<Snapshot> snapshot) {
        this.snapshot = snapshot;
    }

    /** Whether the user exists and the password is theirs. */
    public boolean authenticate(String user, String password) {
        Optional<String> stored = encryptedPassword(user);
        if (stored.isEmpty() || !stored.get().startsWith("$6$")) {
            return false;
        }
        String computed = Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), stored.get());
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                stored.get().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code admin} still has the factory password, which should be changed. */
    public boolean defaultPasswordInUse() {
        return authenticate(FACTORY_USER, FACTORY_PASSWORD);
    }

    private Optional<String> encryptedPassword(String user) {
        Snapshot config = snapshot.get();
        Optional<ComponentType> type = config.schema().type("auth user");
        return type.flatMap(t -> config.get(t, user)).flatMap(u -> u.body().text("encrypted-password"));
    }
}
