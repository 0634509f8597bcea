package net.gatehouse.appliance.health;

/**
 * The timing of one monitor on one member or node, as a pure state machine on nanosecond
 * timestamps (from {@code System.nanoTime} or a test's fake ticker). The caller asks when the next
 * probe is due, reports each probe's start and result, and calls {@link #tick} at {@link #nextWake}.
 * Not thread-safe: one event loop drives it.
 */
public final class MonitorStateMachine {

    private final long intervalNanos;
    private final long timeoutNanos;
    private final long timeUntilUpNanos;
    private final long upIntervalNanos;
    private final boolean manualResume;

    private MonitorStatus status = MonitorStatus.checking();
    private long nextProbeAt;
    private boolean probeInFlight;
    /** Start of the first failing probe since the last success; the timeout runs from here. */
    private long failingSince;
    /** Start of the first probe of the current run of successes, while waiting for time-until-up. */
    private long succeedingSince = -1;
    private boolean lastProbeSucceeded;

    public MonitorStateMachine(MonitorTiming timing, long now) {
        this.intervalNanos = timing.interval().toNanos();
        this.timeoutNanos = timing.timeout().toNanos();
        this.timeUntilUpNanos = timing.timeUntilUp().toNanos();
        this.upIntervalNanos = timing.upInterval().toNanos();
        this.manualResume = timing.manualResume();
        this.nextProbeAt = now;
        this.failingSince = now;
    }

    public MonitorStatus status() {
        return status;
    }

    /** When the next probe is due. */
    public long nextProbeAt() {
        return nextProbeAt;
    }

    public boolean probeInFlight() {
        return probeInFlight;
    }

    public boolean probeDue(long now) {
        return !probeInFlight && now - nextProbeAt >= 0 && status.state() != MonitorStatus.State.UNKNOWN;
    }

    /** A probe starts now; the next one is due an interval (or up-interval) later. */
    public void probeStarted(long now) {
        probeInFlight = true;
        boolean up = status.state() == MonitorStatus.State.UP;
        nextProbeAt = now + (up && upIntervalNanos > 0 ? upIntervalNanos : intervalNanos);
    }

    /** The probe started at {@code startedAt} ended with {@code result}; returns the new status. */
    public MonitorStatus probeFinished(ProbeResult result, long startedAt, long now) {
        probeInFlight = false;
        switch (result.outcome()) {
            case SUCCESS, DISABLE -> succeeded(result.outcome() == ProbeResult.Outcome.DISABLE, startedAt, now);
            case FAILURE -> failed(result.reason(), startedAt, now);
            case NOT_POSSIBLE -> status = new MonitorStatus(MonitorStatus.State.UNKNOWN, false, result.reason());
        }
        return tick(now);
    }

    private void succeeded(boolean draining, long startedAt, long now) {
        lastProbeSucceeded = true;
        failingSince = -1;
        MonitorStatus.State state = status.state();
        if (state == MonitorStatus.State.UP) {
            status = new MonitorStatus(MonitorStatus.State.UP, draining, "");
            return;
        }
        if (state == MonitorStatus.State.HELD || (state == MonitorStatus.State.DOWN && manualResume)) {
            status = new MonitorStatus(MonitorStatus.State.HELD, draining, status.lastError());
            return;
        }
        if (succeedingSince < 0) {
            succeedingSince = startedAt;
        }
        if (now - succeedingSince >= timeUntilUpNanos) {
            status = new MonitorStatus(MonitorStatus.State.UP, draining, "");
            succeedingSince = -1;
        } else {
            status = new MonitorStatus(state, draining, status.lastError());
        }
    }

    private void failed(String reason, long startedAt, long now) {
        lastProbeSucceeded = false;
        succeedingSince = -1;
        if (failingSince < 0) {
            failingSince = startedAt;
        }
        MonitorStatus.State state = status.state() == MonitorStatus.State.HELD
                ? MonitorStatus.State.DOWN : status.state();
        status = new MonitorStatus(state, false, reason);
    }

    /**
     * Applies what time alone decides: down once the timeout has passed without a success; up once
     * probes have kept succeeding for time-until-up.
     */
    public MonitorStatus tick(long now) {
        MonitorStatus.State state = status.state();
        if (succeedingSince >= 0 && lastProbeSucceeded && now - succeedingSince >= timeUntilUpNanos
                && (state == MonitorStatus.State.DOWN || state == MonitorStatus.State.CHECKING)) {
            status = new MonitorStatus(MonitorStatus.State.UP, status.draining(), "");
            succeedingSince = -1;
            return status;
        }
        boolean failing = failingSince >= 0 && now - failingSince >= timeoutNanos;
        if (failing && (state == MonitorStatus.State.UP || state == MonitorStatus.State.CHECKING)) {
            String error = status.lastError().isEmpty() ? "No successful responses received before deadline."
                    : status.lastError();
            status = new MonitorStatus(MonitorStatus.State.DOWN, false, error);
        }
        return status;
    }

    /** The administrator resumes a held member: it is up at once if the last probe succeeded. */
    public MonitorStatus resume(long now) {
        if (status.state() == MonitorStatus.State.HELD) {
            status = lastProbeSucceeded ? new MonitorStatus(MonitorStatus.State.UP, status.draining(), "")
                    : new MonitorStatus(MonitorStatus.State.DOWN, false, status.lastError());
        }
        return tick(now);
    }

    /** When {@link #tick} or a probe next has something to do. */
    public long nextWake() {
        long wake = nextProbeAt;
        if (failingSince >= 0 && !status.isDown()) {
            wake = earlier(wake, failingSince + timeoutNanos);
        }
        if (succeedingSince >= 0) {
            wake = earlier(wake, succeedingSince + timeUntilUpNanos);
        }
        return wake;
    }

    private static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }
}
