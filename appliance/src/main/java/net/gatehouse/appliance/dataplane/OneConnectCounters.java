package net.gatehouse.appliance.dataplane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statistics of one {@code one-connect} profile, over every event loop and every virtual
 * using it: idle server connections now and at most, connections opened, reuses, and connections
 * closed for their age, reuse count or idle time. Written from any loop; read by {@code show} and REST.
 */
final class OneConnectCounters {

    private final AtomicLong currentIdle = new AtomicLong();
    private final AtomicLong maximumIdle = new AtomicLong();
    private final LongAdder opened = new LongAdder();
    private final LongAdder reuses = new LongAdder();
    private final LongAdder expired = new LongAdder();

    void idleAdded() {
        long now = currentIdle.incrementAndGet();
        maximumIdle.accumulateAndGet(now, Math::max);
    }

    void idleRemoved() {
        currentIdle.decrementAndGet();
    }

    void opened() {
        opened.increment();
    }

    void reused() {
        reuses.increment();
    }

    void expired() {
        expired.increment();
    }

    /**
     * {@code reset-stats ltm profile one-connect}: reuses, new and expired connections start again from
     * zero; the maximum starts again from the connections idle now, which stay counted.
     */
    void reset() {
        opened.reset();
        reuses.reset();
        expired.reset();
        maximumIdle.set(currentIdle.get());
    }

    OneConnectStats read(String profile) {
        return new OneConnectStats(profile, currentIdle.get(), maximumIdle.get(), reuses.sum(), opened.sum(),
                expired.sum());
    }

    /** Every profile's counters, by full path; they live as long as the data plane. */
    static final class Registry {
        private final Map<String, OneConnectCounters> profiles = new ConcurrentHashMap<>();

        OneConnectCounters of(String profile) {
            return profiles.computeIfAbsent(profile, p -> new OneConnectCounters());
        }

        /** Zeroes a profile's counters ({@link OneConnectCounters#reset}); nothing to do for one never used. */
        void reset(String profile) {
            OneConnectCounters counters = profiles.get(profile);
            if (counters != null) {
                counters.reset();
            }
        }

        /** A profile's statistics; zeros for a profile no virtual has used yet. */
        OneConnectStats read(String profile) {
            OneConnectCounters counters = profiles.get(profile);
            return counters == null ? new OneConnectStats(profile, 0, 0, 0, 0, 0) : counters.read(profile);
        }
    }
}
