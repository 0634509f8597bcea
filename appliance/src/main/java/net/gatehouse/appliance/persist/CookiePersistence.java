package net.gatehouse.appliance.persist;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * Cookie persistence for the L7 (http) path: what a request's cookies say and what a response
 * sets. The L7 engine calls {@link #choose} (or {@link #hashKey}) before balancing a request and
 * {@link #insert} on the response from the member it used; the data plane's record table is not
 * involved, since the cookie itself carries the member (BIG-IP's insert, rewrite and passive
 * methods). Build one per virtual and pool with {@link #of}.
 *
 * <p>How the profile's {@code method} reads:
 * <ul>
 * <li>{@code insert}: choose from the cookie; insert a cookie on responses (when the request did
 * not carry a valid one, or always with {@code always-send});</li>
 * <li>{@code rewrite}: the same (the engine inserts this value where the server set a blank
 * cookie of the same name);</li>
 * <li>{@code passive}: choose from the cookie, which the server sets itself; never insert;</li>
 * <li>{@code hash}: no member in the cookie; {@link #hashKey} gives the named cookie's value to
 * hash (CARP) onto a member, and nothing is inserted.</li>
 * </ul>
 */
public interface CookiePersistence {

    /** The cookie's name: {@code cookie-name}, or {@code BIGipServer<pool>}. */
    String cookieName();

    /**
     * The member the request's cookie names, from its {@code Cookie} header value; empty when the
     * header has no cookie of this name, its value is in none of BIG-IP's forms, or the method is
     * {@code hash}. The caller checks the member is in the pool and keeps persisted clients, and
     * balances (then persists through {@code fallback-persistence} or a new cookie) otherwise.
     */
    Optional<BigipCookie.Target> choose(String cookieHeader);

    /**
     * Whether the request carries this cookie in the form this profile issues (encrypted under
     * {@code cookie-encryption preferred|required}, plain otherwise); a cookie in the other form is
     * issued again.
     */
    boolean inIssuedForm(String cookieHeader);

    /** {@code hash}: the named cookie's value to hash onto a member; empty for the other methods. */
    Optional<String> hashKey(String cookieHeader);

    /**
     * The {@code Set-Cookie} header value to add to a response from {@code member}, or empty when
     * none is to be set.
     *
     * @param requestCarriedValid whether the request carried this cookie naming that same member
     */
    Optional<String> insert(InetSocketAddress member, boolean requestCarriedValid);

    /** Cookie persistence from a cookie profile, for one pool; {@code clock} dates {@code expires}. */
    static CookiePersistence of(PersistProfile profile, String poolPath, int routeDomain, Clock clock) {
        PersistProfile.CookieSettings settings = profile.cookie().orElseThrow(() -> new IllegalArgumentException(
                "persistence profile " + profile.fullPath() + " is not a cookie profile"));
        return new CookieInsert(settings, settings.cookieName().orElse(BigipCookie.defaultName(poolPath)),
                routeDomain, clock);
    }
}
