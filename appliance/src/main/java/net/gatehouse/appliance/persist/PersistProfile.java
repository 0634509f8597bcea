package net.gatehouse.appliance.persist;

import java.net.InetAddress;
import java.util.Optional;
import net.gatehouse.appliance.persist.irule.UniversalKey;

/**
 * One persistence profile as the data plane acts on it, with every inherited value filled in.
 *
 * @param timeoutSeconds seconds a record lives without use; 0 ({@code indefinite}) never expires
 * @param mask           the {@code mask} applied to the address key, or empty ({@code none})
 * @param carp           {@code hash-algorithm carp}: the first member is chosen by a CARP hash of
 *                       the key, the same on every appliance, instead of by the pool's
 *                       load-balancing method
 * @param cookie         the cookie settings of a cookie profile, empty for the other methods
 * @param universal      a universal profile's key, from the recognised {@code persist uie} commands
 *                       of its {@code rule}; empty for the other methods and for a rule without one
 */
public record PersistProfile(String fullPath, PersistMode mode, long timeoutSeconds, Optional<byte[]> mask,
        boolean carp, boolean matchAcrossPools, boolean matchAcrossServices, boolean matchAcrossVirtuals,
        boolean overrideConnectionLimit, Optional<CookieSettings> cookie, Optional<UniversalKey> universal) {

    /** A connection's key under this profile, and how long its record lives without use (0: never expires). */
    public record Key(String value, long timeoutSeconds) {
    }

    /**
     * The cookie profile's settings.
     *
     * @param cookieName        the configured name, or empty for {@code BIGipServer<pool>}
     * @param expirationSeconds 0: a session cookie
     * @param method            insert, rewrite, passive or hash
     * @param encryption        {@code cookie-encryption}: disabled, preferred or required
     * @param cipher            the cipher of {@code cookie-encryption-passphrase}, empty when there is none
     */
    public record CookieSettings(Optional<String> cookieName, long expirationSeconds, boolean httpOnly,
            boolean secure, boolean alwaysSend, String method, String encryption, Optional<CookieCipher> cipher) {

        /** Whether cookies are issued encrypted ({@code preferred} or {@code required} with a passphrase). */
        public boolean encrypts() {
            return !encryption.equals("disabled") && cipher.isPresent();
        }
    }

    /**
     * The key this profile persists a new connection on: the (masked) client address for
     * source-addr, the (masked) address the client connected to for dest-addr, the client-ssl
     * session id for ssl, and what the rule's {@code persist uie} gives for universal (with the
     * statement's timeout when it names one). Empty when the connection shows no key (cookie and
     * hash, ssl without a session id, universal at layer 4 with a key from the request): the
     * virtual's {@code fallback-persistence} decides.
     */
    public Optional<Key> key(PersistContext context) {
        return switch (mode) {
            case SOURCE_ADDRESS -> Optional.of(new Key(masked(context.client().getAddress()), timeoutSeconds));
            case DESTINATION_ADDRESS -> Optional.of(new Key(masked(context.destination().getAddress()),
                    timeoutSeconds));
            case SSL_SESSION_ID -> context.sslSessionId().map(id -> new Key(id, timeoutSeconds));
            case UNIVERSAL -> universal.flatMap(u -> u.key(context))
                    .map(k -> new Key(k.value(), k.timeoutSeconds().orElse(timeoutSeconds)));
            default -> Optional.empty();
        };
    }

    private String masked(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (mask.isPresent() && mask.get().length == bytes.length) {
            byte[] m = mask.get();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] &= m[i];
            }
            try {
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException("a masked address of valid length was refused", e);
            }
        }
        return address.getHostAddress();
    }

    /**
     * The scope a record of this profile lives in: records are shared by every virtual
     * ({@code match-across-virtuals}), by the virtuals of one address ({@code match-across-services})
     * or kept per virtual; and by every pool ({@code match-across-pools}) or kept per pool.
     */
    public String scope(String virtualPath, String virtualAddress, String poolPath) {
        String virtual = matchAcrossVirtuals ? "*" : matchAcrossServices ? virtualAddress : virtualPath;
        return virtual + " " + (matchAcrossPools ? "*" : poolPath);
    }
}
