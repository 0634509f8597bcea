package net.gatehouse.appliance.dataplane;

import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.gatehouse.appliance.lb.Ticker;

/**
 * Every event loop's idle connection pool, made on first use, and the one-connect profiles'
 * counters. A pool is only ever used on its own loop; {@link #closeIdle} hops onto each.
 */
final class ServerConnectionPools {

    private final Ticker ticker;
    private final int loops;
    private final Map<EventLoop, ServerConnectionPool> pools = new ConcurrentHashMap<>();
    private final OneConnectCounters.Registry counters = new OneConnectCounters.Registry();

    ServerConnectionPools(Ticker ticker, int loops) {
        this.ticker = ticker;
        this.loops = loops;
    }

    /** How many event loops share a profile's {@code max-size}. */
    int loops() {
        return loops;
    }

    /** The pool of the loop a client connection runs on; call it on that loop. */
    ServerConnectionPool of(EventLoop loop) {
        ServerConnectionPool pool = pools.get(loop);
        return pool != null ? pool : pools.computeIfAbsent(loop, l -> new ServerConnectionPool(ticker));
    }

    OneConnectCounters counters(String profile) {
        return counters.of(profile);
    }

    OneConnectStats stats(String profile) {
        return counters.read(profile);
    }

    void resetStats(String profile) {
        counters.reset(profile);
    }

    /** Closes, on every loop, the idle connections to members that match. Safe from any thread. */
    void closeIdle(Predicate<MemberState> which) {
        pools.forEach((loop, pool) -> loop.execute(() -> pool.closeIf(which)));
    }
}
