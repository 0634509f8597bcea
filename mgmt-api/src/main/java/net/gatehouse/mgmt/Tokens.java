package net.gatehouse.mgmt;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication tokens, as {@code POST /mgmt/shared/authn/login} issues them: an opaque value
 * sent back in {@code X-F5-Auth-Token}, valid for a timeout (BIG-IP: 1200 seconds by default, at
 * most 36000) from when it was issued or last given a new timeout. Tokens live in memory: a
 * restart ends every session, as on BIG-IP.
 */
public final class Tokens {

    /** BIG-IP's default token lifetime. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1200);
    /** The longest timeout BIG-IP accepts. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(36000);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    public Tokens(Clock clock) {
        this.clock = clock;
    }

    /** One issued token. */
    public record Token(String value, String user, Instant startTime, Duration timeout, long generation,
            long lastUpdateMicros) {

        public Instant expiration() {
            return startTime.plus(timeout);
        }
    }

    public Token issue(String user) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toUpperCase();
        Instant now = clock.instant();
        Token token = new Token(value, user, now, DEFAULT_TIMEOUT, 1, micros(now));
        tokens.put(value, token);
        return token;
    }

    /** The token if it exists and has not expired; an expired token is forgotten. */
    public Optional<Token> valid(String value) {
        Token token = tokens.get(value);
        if (token == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(token.expiration())) {
            tokens.remove(value, token);
            return Optional.empty();
        }
        return Optional.of(token);
    }

    /** Gives the token a new timeout counted from now; false when it is unknown or expired. */
    public Optional<Token> extend(String value, Duration timeout) {
        return valid(value).map(token -> {
            Instant now = clock.instant();
            Token next = new Token(token.value(), token.user(), now, timeout, token.generation() + 1, micros(now));
            tokens.put(value, next);
            return next;
        });
    }

    public boolean revoke(String value) {
        return valid(value).map(token -> tokens.remove(value) != null).orElse(false);
    }

    /** Ends every session of a user (deleted, password changed, access changed); how many there were. */
    public int revokeAll(String user) {
        int before = tokens.size();
        tokens.values().removeIf(token -> token.user().equals(user));
        return before - tokens.size();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
    }
}
