package net.gatehouse.appliance.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords against the {@code auth user} objects of the running configuration, whose
 * {@code encrypted-password} is sha512-crypt as BIG-IP stores it. Every interface that logs a user
 * in (REST, SSH) asks here, so there is one set of accounts: the one tmsh, REST and
 * {@code bigip_user.conf} show and change.
 *
 * <p>Failed logins are counted per user; when {@code auth password-policy max-login-failures} is set,
 * an account that reaches it is locked out ({@code lockout-duration} seconds, or until
 * {@code reset-stats auth login-failures}). A user whose every role is {@code no-access} cannot log
 * in. Counts live in memory: a restart clears them.
 */
public final class UserAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(UserAccounts.class);
    private static final String FACTORY_USER = "admin";
    private static final String FACTORY_PASSWORD = "admin";

    /** Failed logins of one user since the last success or reset. */
    public record LoginFailures(String user, int failures, Instant last, boolean lockedOut) {
    }

    private record Count(int failures, Instant last) {
    }

    private final Supplier<Snapshot> snapshot;
    private final Clock clock;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    public UserAccounts(Supplier<Snapshot> snapshot, Clock clock) {
        this.snapshot = snapshot;
        this.clock = clock;
    }

    /**
     * Whether the user may log in with this password now: the account exists, may read something,
     * is not locked out, and the password is theirs. A wrong password counts as a failure.
     */
    public boolean authenticate(String user, String password) {
        Snapshot config = snapshot.get();
        if (lockedOut(user, config)) {
            LOG.warn("Login refused for user '{}': the account is locked out", user);
            return false;
        }
        if (!passwordMatches(config, user, password)) {
            if (UserRoles.account(config, user).isEmpty()) {
                LOG.warn("Login failed for unknown user '{}'", user);
                return false;
            }
            Count count = counts.merge(user, new Count(1, clock.instant()),
                    (was, one) -> new Count(was.failures() + 1, one.last()));
            LOG.warn("Login failed for user '{}' ({} consecutive failures)", user, count.failures());
            return false;
        }
        counts.remove(user);
        if (!UserRoles.of(config, user).any()) {
            LOG.warn("Login refused for user '{}': the account has no access", user);
            return false;
        }
        return true;
    }

    /**
     * Whether a session of the user (a REST token, an open shell) may go on: the account still exists,
     * still has access and is not locked out.
     */
    public boolean active(String user) {
        Snapshot config = snapshot.get();
        return UserRoles.account(config, user).isPresent() && UserRoles.of(config, user).any()
                && !lockedOut(user, config);
    }

    /** Whether {@code admin} still has the factory password, which should be changed. */
    public boolean defaultPasswordInUse() {
        return passwordMatches(snapshot.get(), FACTORY_USER, FACTORY_PASSWORD);
    }

    /** Users with failed logins, by name ({@code show auth login-failures}). */
    public List<LoginFailures> loginFailures() {
        Snapshot config = snapshot.get();
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new LoginFailures(e.getKey(), e.getValue().failures(), e.getValue().last(),
                        lockedOut(e.getKey(), config)))
                .toList();
    }

    /** Clears a user's failed logins, unlocking the account; false when there were none. */
    public boolean reset(String user) {
        boolean had = counts.remove(user) != null;
        if (had) {
            LOG.info("Login failures of user '{}' reset", user);
        }
        return had;
    }

    /** Clears every user's failed logins. */
    public void resetAll() {
        counts.clear();
        LOG.info("Login failures of all users reset");
    }

    private boolean lockedOut(String user, Snapshot config) {
        Count count = counts.get(user);
        if (count == null) {
            return false;
        }
        Body policy = policy(config);
        int max = policy.text("max-login-failures").map(Integer::parseInt).orElse(0);
        if (max == 0 || count.failures() < max) {
            return false;
        }
        long seconds = policy.text("lockout-duration").map(Long::parseLong).orElse(0L);
        return seconds == 0 || clock.instant().isBefore(count.last().plus(Duration.ofSeconds(seconds)));
    }

    private static Body policy(Snapshot config) {
        Optional<ComponentType> type = config.schema().type("auth password-policy");
        return type.flatMap(t -> config.get(t, t.singletonName())).map(o -> o.body()).orElse(Body.EMPTY);
    }

    private static boolean passwordMatches(Snapshot config, String user, String password) {
        Optional<String> stored = UserRoles.account(config, user).flatMap(u -> u.body().text("encrypted-password"));
        if (stored.isEmpty() || !stored.get().startsWith("$6$")) {
            return false;
        }
        String computed = Sha2Crypt.sha512Crypt(password.getBytes(StandardCharsets.UTF_8), stored.get());
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                stored.get().getBytes(StandardCharsets.US_ASCII));
    }
}
