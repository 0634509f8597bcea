package net.gatehouse.appliance.health;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The inband monitor on one member, as a pure state machine on nanosecond timestamps: the data
 * plane reports connection failures and response times; {@code failures} failures within
 * {@code failure-interval} mark the member down for {@code retry-time}, after which it is up again.
 * A response slower than {@code response-time} (when not zero) counts as a failure. Not thread-safe.
 */
public final class InbandStateMachine {

    private final int failures;
    private final long failureIntervalNanos;
    private final long responseTimeNanos;
    private final long retryTimeNanos;
    private final Deque<Long> recentFailures = new ArrayDeque<>();
    private MonitorStatus status = new MonitorStatus(MonitorStatus.State.UP, false, "");
    private long downUntil;

    public InbandStateMachine(int failures, long failureIntervalNanos, long responseTimeNanos, long retryTimeNanos) {
        this.failures = failures;
        this.failureIntervalNanos = failureIntervalNanos;
        this.responseTimeNanos = responseTimeNanos;
        this.retryTimeNanos = retryTimeNanos;
    }

    public MonitorStatus status() {
        return status;
    }

    /** A connection to the member failed (refused, reset, timed out). */
    public MonitorStatus failure(long now) {
        tick(now);
        if (status.isDown()) {
            return status;
        }
        recentFailures.addLast(now);
        while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > failureIntervalNanos) {
            recentFailures.removeFirst();
        }
        if (recentFailures.size() >= failures) {
            recentFailures.clear();
            downUntil = now + retryTimeNanos;
            status = new MonitorStatus(MonitorStatus.State.DOWN, false,
                    failures + " failures within the failure interval");
        }
        return status;
    }

    /** The member answered after {@code responseNanos}. */
    public MonitorStatus response(long responseNanos, long now) {
        if (responseTimeNanos > 0 && responseNanos > responseTimeNanos) {
            return failure(now);
        }
        return tick(now);
    }

    /** Up again once the retry time has passed. */
    public MonitorStatus tick(long now) {
        if (status.isDown() && now - downUntil >= 0) {
            status = new MonitorStatus(MonitorStatus.State.UP, false, "");
        }
        return status;
    }

    /** When a down member comes back, or never ({@code Long.MAX_VALUE}) while up. */
    public long nextWake() {
        return status.isDown() ? downUntil : Long.MAX_VALUE;
    }
}
