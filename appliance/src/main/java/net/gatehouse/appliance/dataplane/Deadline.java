package net.gatehouse.appliance.dataplane;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that is set and cleared on every request without scheduling a task each time. It
 * keeps its deadline as a number and at most one task on its event loop: arming it for later than
 * that task leaves the task alone (the task wakes, finds the deadline moved and sleeps again for
 * the rest); clearing it leaves the task to find nothing to do. A keep-alive request thus costs two
 * field writes where a task per timeout cost an allocation and two priority-queue operations on
 * the loop. Only its event loop uses it; it reads the loop's own clock.
 */
final class Deadline implements Runnable {

    private final EventExecutor loop;
    private final Runnable expired;
    private long atNanos;
    private boolean armed;
    private ScheduledFuture<?> wake;
    private long wakeAtNanos;

    /** @param expired what runs on the loop when the deadline passes while armed */
    Deadline(EventExecutor loop, Runnable expired) {
        this.loop = loop;
        this.expired = expired;
    }

    /** The deadline is {@code timeout} from now (replacing any earlier one). */
    void arm(long timeout, TimeUnit unit) {
        long now = loop.ticker().nanoTime();
        atNanos = now + unit.toNanos(timeout);
        armed = true;
        if (wake != null && wakeAtNanos - atNanos <= 0) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        sleepUntilDeadline(now);
    }

    /** Nothing is timed any more (the task, if any, stays and finds nothing to do). */
    void clear() {
        armed = false;
    }

    /** Cleared for good, its task removed from the loop (the connection ended). */
    void stop() {
        armed = false;
        if (wake != null) {
            wake.cancel(false);
            wake = null;
        }
    }

    boolean armed() {
        return armed;
    }

    @Override
    public void run() {
        wake = null;
        if (!armed) {
            return;
        }
        long now = loop.ticker().nanoTime();
        if (now - atNanos >= 0) {
            armed = false;
            expired.run();
        } else {
            sleepUntilDeadline(now);
        }
    }

    private void sleepUntilDeadline(long now) {
        wakeAtNanos = atNanos;
        wake = loop.schedule(this, atNanos - now, TimeUnit.NANOSECONDS);
    }
}
