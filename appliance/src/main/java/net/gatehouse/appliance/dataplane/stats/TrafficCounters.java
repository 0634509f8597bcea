package net.gatehouse.appliance.dataplane.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one side of one object (a virtual's client side, a pool's, member's or
 * node's server side). Byte and packet counters are striped adders, so event loops count without
 * contending; the current-connection count is one atomic so a connection limit is checked and
 * taken in one step.
 */
public final class TrafficCounters {

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder totalConnections = new LongAdder();
    private final AtomicLong currentConnections = new AtomicLong();
    private final AtomicLong maximumConnections = new AtomicLong();

    /**
     * Takes one connection if fewer than {@code limit} are open (0 means no limit).
     *
     * @return whether the connection was taken; if not, nothing was counted
     */
    public boolean tryOpen(long limit) {
        long now;
        while (true) {
            long current = currentConnections.get();
            if (limit > 0 && current >= limit) {
                return false;
            }
            if (currentConnections.compareAndSet(current, current + 1)) {
                now = current + 1;
                break;
            }
        }
        totalConnections.increment();
        maximumConnections.accumulateAndGet(now, Math::max);
        return true;
    }

    /** Takes one connection with no limit. */
    public void open() {
        tryOpen(0);
    }

    /** Gives back a connection taken with {@link #tryOpen} or {@link #open}. */
    public void close() {
        currentConnections.decrementAndGet();
    }

    /** Counts what this side received: bytes and one packet (one socket read). */
    public void received(int bytes) {
        bytesIn.add(bytes);
        packetsIn.increment();
    }

    /** Counts what this side sent: bytes and one packet (one socket write). */
    public void sent(int bytes) {
        bytesOut.add(bytes);
        packetsOut.increment();
    }

    public long currentConnections() {
        return currentConnections.get();
    }

    /**
     * {@code reset-stats}: the totals start again from zero; current connections are live and stay,
     * and the maximum starts again from them.
     */
    public void reset() {
        bytesIn.reset();
        bytesOut.reset();
        packetsIn.reset();
        packetsOut.reset();
        totalConnections.reset();
        maximumConnections.set(currentConnections.get());
    }

    public TrafficStats read() {
        return new TrafficStats(bytesIn.sum() * 8, bytesOut.sum() * 8, packetsIn.sum(), packetsOut.sum(),
                currentConnections.get(), maximumConnections.get(), totalConnections.sum());
    }
}
