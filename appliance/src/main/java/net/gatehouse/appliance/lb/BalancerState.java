package net.gatehouse.appliance.lb;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one pool's selection keeps across commits: the cursor (one atomic, taken once per
 * selection) and the current observed/predictive window. Owned by the pool's runtime.
 */
public final class BalancerState {

    final AtomicLong cursor = new AtomicLong();
    final AtomicReference<Window> window = new AtomicReference<>();

    /**
     * One observed/predictive window: the connection counts sampled at its start and the schedule
     * of weights computed from them, used until the window is over.
     */
    record Window(Mode mode, long startNanos, long[] counts, int[] schedule) {
    }
}
