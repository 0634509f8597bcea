package net.gatehouse.appliance.lb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A member's or node's response time: an exponentially weighted moving average of its samples
 * (each new sample weighs 1/8, as TCP's smoothed RTT does). Lock-free: one compare-and-set per
 * sample. Zero until the first sample.
 */
public final class ResponseTime {

    private final AtomicLong averageNanos = new AtomicLong();

    /** Adds a sample; a non-positive one is taken as one nanosecond so "no sample yet" stays distinct. */
    public void record(long nanos) {
        long sample = Math.max(1, nanos);
        long before;
        long after;
        do {
            before = averageNanos.get();
            after = before == 0 ? sample : Math.max(1, before + (sample - before) / 8);
        } while (!averageNanos.compareAndSet(before, after));
    }

    /** The smoothed response time in nanoseconds, 0 when nothing was recorded yet. */
    public long nanos() {
        return averageNanos.get();
    }
}
