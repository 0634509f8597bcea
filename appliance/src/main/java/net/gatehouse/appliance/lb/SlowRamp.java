package net.gatehouse.appliance.lb;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One member's slow ramp: when it becomes available (again), its share of new connections grows
 * linearly from 0 to its full share over the pool's {@code slow-ramp-time}. While ramping, of the
 * connections selection offers it, it accepts a fraction equal to the elapsed part of the ramp,
 * deterministically: each offer adds that fraction to a credit, and an offer that brings the
 * credit to 1 is accepted (and spends it). Lock-free: one compare-and-set per offer.
 */
public final class SlowRamp {

    /** "Not ramping": a start far enough in the past for any ramp to be over. */
    private static final long LONG_AGO = Long.MIN_VALUE / 4;

    private volatile boolean available = true;
    private volatile long startNanos = LONG_AGO;
    private final AtomicLong credit = new AtomicLong(Double.doubleToLongBits(0));

    /** Starts a ramp now (a member added to a running pool). */
    public void start(long nowNanos) {
        credit.set(Double.doubleToLongBits(0));
        startNanos = nowNanos;
    }

    /**
     * Tells the ramp whether the member is available now; the step from unavailable to available
     * starts a ramp.
     */
    public void observe(boolean availableNow, long nowNanos) {
        if (availableNow != available) {
            available = availableNow;
            if (availableNow) {
                start(nowNanos);
            }
        }
    }

    /** The part of its full share the member gets now: 1 when not ramping, else elapsed / ramp time. */
    public double share(long nowNanos, long rampNanos) {
        long elapsed = nowNanos - startNanos;
        if (rampNanos <= 0 || elapsed >= rampNanos) {
            return 1;
        }
        return Math.max(0, (double) elapsed / rampNanos);
    }

    /** Whether the member accepts the connection selection offers it, given its share now. */
    boolean admit(double share) {
        if (share >= 1) {
            return true;
        }
        while (true) {
            long before = credit.get();
            double next = Double.longBitsToDouble(before) + share;
            boolean accept = next >= 1;
            if (credit.compareAndSet(before, Double.doubleToLongBits(accept ? next - 1 : next))) {
                return accept;
            }
        }
    }
}
