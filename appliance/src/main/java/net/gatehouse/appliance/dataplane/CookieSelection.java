package net.gatehouse.appliance.dataplane;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.persist.BigipCookie;
import net.gatehouse.appliance.persist.CookiePersistence;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistProfile;
import net.gatehouse.appliance.persist.VirtualPersistence;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.view.LtmView;

/**
 * Cookie persistence on the L7 path, for a virtual whose {@code persist} profile is a cookie
 * profile. Before balancing a client connection's first request, {@link #select} sends it to the
 * member its {@code BIGipServer<pool>} cookie (or the profile's {@code cookie-name}) names, when
 * that member is in the pool and keeps persisted clients; {@code method hash} CARP-hashes the
 * named cookie's value onto a member instead. On each response, {@link #respond} adds the
 * {@code Set-Cookie} BIG-IP inserts ({@code insert}), or puts it in place of the server's cookie
 * of the same name ({@code rewrite}); {@code passive} and {@code hash} set nothing.
 */
final class CookieSelection {

    /** The header as BIG-IP spells it on the wire. */
    private static final String SET_COOKIE = "Set-Cookie";

    private final PersistProfile profile;
    private final String poolPath;
    private final Clock clock;
    /** Reads request cookies; the route domain only matters when writing one. */
    private final CookiePersistence reader;

    private CookieSelection(PersistProfile profile, String poolPath, Clock clock) {
        this.profile = profile;
        this.poolPath = poolPath;
        this.clock = clock;
        this.reader = CookiePersistence.of(profile, poolPath, 0, clock);
    }

    /** Cookie persistence for a connection to this virtual and pool; empty when its {@code persist} is not a cookie profile. */
    static Optional<CookieSelection> of(VirtualPersistence persistence, PoolState pool, Clock clock) {
        return persistence.primary().filter(p -> p.mode() == PersistMode.COOKIE)
                .map(p -> new CookieSelection(p, pool.fullPath(), clock));
    }

    /**
     * The member the request's cookie persists it to, taken; null when the pool is to balance (no
     * valid cookie, a member not in the pool, forced offline, down or at its connection limit).
     */
    PoolState.Taken select(HttpRequest request, PoolState pool, HealthView health) {
        String cookies = cookies(request);
        Optional<String> hashKey = reader.hashKey(cookies);
        if (hashKey.isPresent()) {
            return pool.selectCarp(hashKey.get(), health);
        }
        MemberState member = named(cookies, pool);
        if (member == null || !PoolState.keepsPersistedClients(member, health)) {
            return null;
        }
        return PoolState.take(member, profile.overrideConnectionLimit());
    }

    /** Sets (insert) or rewrites (rewrite) the cookie on a response from the connection's member. */
    void respond(HttpRequest request, HttpResponse response, PoolState pool, PoolState.Taken taken) {
        LtmView.Member member = taken.configured().member();
        String cookies = cookies(request);
        boolean carried = named(cookies, pool) == taken.member() && reader.inIssuedForm(cookies);
        InetSocketAddress address = new InetSocketAddress(IpLiterals.parse(member.address()), member.port());
        Optional<String> value = CookiePersistence.of(profile, poolPath, routeDomain(member.address()), clock)
                .insert(address, carried);
        if (value.isEmpty()) {
            return;
        }
        if (!profile.cookie().orElseThrow().method().equals("rewrite")) {
            response.headers().add(SET_COOKIE, value.get());
            return;
        }
        List<String> set = response.headers().getAll(HttpHeaderNames.SET_COOKIE);
        String prefix = reader.cookieName() + "=";
        if (set.stream().anyMatch(c -> c.startsWith(prefix))) {
            response.headers().remove(HttpHeaderNames.SET_COOKIE);
            for (String cookie : set) {
                response.headers().add(SET_COOKIE, cookie.startsWith(prefix) ? value.get() : cookie);
            }
        }
    }

    /** The member of the pool the request's cookie names, in its route domain; null when none. */
    private MemberState named(String cookies, PoolState pool) {
        Optional<BigipCookie.Target> target = reader.choose(cookies);
        if (target.isEmpty()) {
            return null;
        }
        MemberState member = pool.member(target.get().address().getHostAddress(), target.get().port());
        return member != null && routeDomain(member.configured().member().address()) == target.get().routeDomain()
                ? member : null;
    }

    /** Every {@code Cookie} header of the request as one value ({@code a=1; b=2}); null when none. */
    private static String cookies(HttpRequest request) {
        List<String> all = request.headers().getAll(HttpHeaderNames.COOKIE);
        return all.isEmpty() ? null : String.join("; ", all);
    }

    /** The route domain of a member address ({@code 10.0.0.1%5} is 5; none is 0). */
    private static int routeDomain(String address) {
        int percent = address.indexOf('%');
        return percent < 0 ? 0 : Integer.parseInt(address.substring(percent + 1));
    }
}
