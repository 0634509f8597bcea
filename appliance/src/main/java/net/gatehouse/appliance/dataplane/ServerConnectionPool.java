package net.gatehouse.appliance.dataplane;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.gatehouse.appliance.lb.Ticker;

/**
 * The idle server-side connections of one event loop (oneconnect's connection reuse pool, one per
 * loop as BIG-IP keeps one per TMM). Only its loop touches it, so it takes no locks. Connections
 * are kept by {@link Key}; the most recently parked is taken first, so the ones left over idle
 * out. Counts go to the one-connect profile's {@link OneConnectCounters}.
 */
final class ServerConnectionPool {

    /**
     * Which idle connections a request may reuse.
     *
     * @param scope  the virtual's full path, or the profile's under {@code share-pools}
     * @param source the server connection's source address under the profile's {@code source-mask};
     *               null for {@code any}
     */
    record Key(String scope, InetSocketAddress member, InetAddress source) {
    }

    private final Ticker ticker;
    private final Map<Key, Deque<ServerConnection>> idle = new HashMap<>();
    private final Map<String, Integer> idleByScope = new HashMap<>();
    /**
     * The queue of a key whose last idle connection left, kept for the next key that needs one:
     * under oneconnect a key's queue empties and fills again with most requests.
     */
    private Deque<ServerConnection> spare;

    ServerConnectionPool(Ticker ticker) {
        this.ticker = ticker;
    }

    /**
     * An idle connection for the key that is still open and younger than {@code max-age}, taken
     * out of the pool for {@code user}; null when there is none (expired ones met on the way are closed).
     * {@code counters} are the policy's profile's.
     */
    ServerConnection take(Key key, OneConnectPolicy policy, OneConnectCounters counters, ServerConnection.User user) {
        // The key's queue is looked up again after each connection left: an emptied queue becomes the spare.
        for (Deque<ServerConnection> waiting = idle.get(key); waiting != null && !waiting.isEmpty();
                waiting = idle.get(key)) {
            ServerConnection connection = waiting.pollLast();
            leave(connection);
            if (!connection.channel().isActive()) {
                continue;
            }
            if (policy.tooOld(connection.openedNanos(), ticker.nanos())) {
                counters.expired();
                connection.channel().close();
                continue;
            }
            connection.reusedBy(user);
            counters.reused();
            return connection;
        }
        return null;
    }

    /**
     * Parks a connection whose response was read to its end, if the profile lets it be reused
     * again ({@code max-reuse}, {@code max-age}) and the pool has room ({@code max-size});
     * otherwise closes it. Returns whether it was parked. {@code profile} are the policy's profile's counters.
     */
    boolean park(ServerConnection connection, OneConnectPolicy policy, OneConnectCounters profile) {
        if (!connection.channel().isActive()) {
            return false;
        }
        boolean reusable = connection.reuses() < policy.maxReuse()
                && !policy.tooOld(connection.openedNanos(), ticker.nanos());
        if (!reusable) {
            profile.expired();
        }
        if (!reusable || idleByScope.getOrDefault(policy.scope(), 0) >= policy.maxIdlePerLoop()) {
            connection.channel().close();
            return false;
        }
        Deque<ServerConnection> waiting = idle.get(connection.key());
        if (waiting == null) {
            waiting = spare != null ? spare : new ArrayDeque<>();
            spare = null;
            idle.put(connection.key(), waiting);
        }
        waiting.addLast(connection);
        idleByScope.merge(policy.scope(), 1, Integer::sum);
        profile.idleAdded();
        connection.parked(this, policy, profile);
        // One read outstanding: the server closing the idle connection (or talking out of turn) is noticed.
        connection.channel().read();
        return true;
    }

    /** A parked connection waited its policy's idle timeout: it is closed. */
    void idleTimedOut(ServerConnection connection) {
        OneConnectCounters counters = connection.parkedCounters();
        if (remove(connection)) {
            counters.expired();
            connection.channel().close();
        }
    }

    /** The server closed an idle connection: it leaves the pool. */
    void closed(ServerConnection connection) {
        remove(connection);
    }

    /** Closes the idle connections to members that match (gone down, forced offline); returns how many. */
    int closeIf(Predicate<MemberState> which) {
        List<ServerConnection> closing = new ArrayList<>();
        for (Deque<ServerConnection> waiting : idle.values()) {
            for (ServerConnection connection : waiting) {
                if (which.test(connection.member())) {
                    closing.add(connection);
                }
            }
        }
        closing.forEach(connection -> {
            remove(connection);
            connection.channel().close();
        });
        return closing.size();
    }

    private boolean remove(ServerConnection connection) {
        Deque<ServerConnection> waiting = idle.get(connection.key());
        if (waiting == null || !connection.idle()) {
            return false;
        }
        for (Iterator<ServerConnection> it = waiting.iterator(); it.hasNext(); ) {
            if (it.next() == connection) {
                it.remove();
                leave(connection);
                return true;
            }
        }
        return false;
    }

    private void leave(ServerConnection connection) {
        Deque<ServerConnection> waiting = idle.get(connection.key());
        if (waiting != null && waiting.isEmpty()) {
            idle.remove(connection.key());
            spare = waiting;
        }
        idleByScope.computeIfPresent(connection.key().scope(), (scope, count) -> count > 1 ? count - 1 : null);
        connection.parkedCounters().idleRemoved();
        connection.unpark();
    }
}
