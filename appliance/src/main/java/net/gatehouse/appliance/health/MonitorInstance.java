package net.gatehouse.appliance.health;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitor running on one member or node: a state machine driven on one event loop, and the
 * status it last published, readable from any thread. Active monitors probe on their schedule;
 * the inband monitor waits for the data plane's reports.
 */
final class MonitorInstance {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorInstance.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    /** What a status change tells the engine. */
    interface Listener {
        void changed(MonitorInstance instance, MonitorStatus from, MonitorStatus to);
    }

    private final String owner;
    private final MonitorSpec spec;
    private final InetSocketAddress target;
    private final EventLoop loop;
    private final LongSupplier ticker;
    private final Clock clock;
    private final Listener listener;
    private final Probe probe;
    private final MonitorStateMachine active;
    private final InbandStateMachine inband;
    private volatile MonitorStatus status;
    private volatile String changedAt;
    private volatile boolean closed;
    private ScheduledFuture<?> wake;
    /** How late the last probe started after it was due, for the benchmark. */
    private volatile long lastLagNanos;

    MonitorInstance(String owner, MonitorSpec spec, InetSocketAddress target, EventLoop loop, LongSupplier ticker,
            Clock clock, Probe probe, Listener listener) {
        this.owner = owner;
        this.spec = spec;
        this.target = target;
        this.loop = loop;
        this.ticker = ticker;
        this.clock = clock;
        this.probe = probe;
        this.listener = listener;
        if (spec.type().equals("inband")) {
            this.active = null;
            this.inband = new InbandStateMachine((int) spec.number("failures", 3),
                    TimeUnit.SECONDS.toNanos(spec.number("failure-interval", 30)),
                    TimeUnit.SECONDS.toNanos(spec.number("response-time", 10)),
                    TimeUnit.SECONDS.toNanos(spec.number("retry-time", 300)));
            this.status = inband.status();
        } else {
            this.active = new MonitorStateMachine(spec.timing(), ticker.getAsLong());
            this.inband = null;
            this.status = active.status();
        }
        this.changedAt = stamp();
    }

    /** What it monitors: {@code node /Common/n} or {@code member /Common/pool /Common/m:80}. */
    String owner() {
        return owner;
    }

    MonitorSpec spec() {
        return spec;
    }

    InetSocketAddress target() {
        return target;
    }

    MonitorStatus status() {
        return status;
    }

    /** When the status last changed, as BIG-IP stamps reasons: {@code 2026/11/29 08:00:00}. */
    String changedAt() {
        return changedAt;
    }

    long lagNanos() {
        return lastLagNanos;
    }

    void start() {
        loop.execute(this::wake);
    }

    void close() {
        closed = true;
        loop.execute(() -> {
            if (wake != null) {
                wake.cancel(false);
            }
        });
    }

    /** The administrator re-enabled the member: release a manual-resume hold. */
    void resume() {
        if (active != null) {
            loop.execute(() -> publish(active.resume(ticker.getAsLong())));
        }
    }

    /** Inband: a connection to the member failed. */
    void reportFailure() {
        if (inband != null) {
            loop.execute(() -> {
                publish(inband.failure(ticker.getAsLong()));
                schedule();
            });
        }
    }

    /** Inband: the member answered after {@code responseNanos}. */
    void reportResponse(long responseNanos) {
        if (inband != null) {
            loop.execute(() -> {
                publish(inband.response(responseNanos, ticker.getAsLong()));
                schedule();
            });
        }
    }

    private void wake() {
        if (closed) {
            return;
        }
        long now = ticker.getAsLong();
        if (inband != null) {
            publish(inband.tick(now));
            schedule();
            return;
        }
        publish(active.tick(now));
        if (active.probeDue(now)) {
            lastLagNanos = Math.max(0, now - active.nextProbeAt());
            active.probeStarted(now);
            probe.run(spec, target, loop).whenComplete((result, error) -> loop.execute(() -> {
                if (closed) {
                    return;
                }
                ProbeResult outcome = error == null ? result
                        : ProbeResult.failure("Probe failed: " + error.getMessage());
                if (error != null) {
                    LOG.warn("Monitor {} on {} failed to probe", spec.fullPath(), target, error);
                }
                publish(active.probeFinished(outcome, now, ticker.getAsLong()));
                schedule();
            }));
        }
        schedule();
    }

    private void schedule() {
        if (closed) {
            return;
        }
        long next = active != null ? active.nextWake() : inband.nextWake();
        if (wake != null) {
            wake.cancel(false);
        }
        if (next == Long.MAX_VALUE) {
            wake = null;
            return;
        }
        long now = ticker.getAsLong();
        if (active != null && active.probeInFlight() && next - now <= 0) {
            wake = null;
            return;
        }
        long delay = Math.max(0, next - now);
        wake = loop.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
    }

    private void publish(MonitorStatus next) {
        MonitorStatus previous = status;
        if (next.equals(previous)) {
            return;
        }
        if (next.state() != previous.state()) {
            changedAt = stamp();
        }
        status = next;
        listener.changed(this, previous, next);
    }

    private String stamp() {
        return LocalDateTime.now(clock).format(STAMP);
    }
}
