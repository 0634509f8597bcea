package net.gatehouse.appliance.lb;

/** A monotonic clock in nanoseconds, injected so slow ramp and observed windows are testable. */
@FunctionalInterface
public interface Ticker {

    long nanos();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
