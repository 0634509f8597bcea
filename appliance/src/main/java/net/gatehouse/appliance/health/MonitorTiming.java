package net.gatehouse.appliance.health;

import java.time.Duration;

/**
 * A monitor's timing, as BIG-IP reads it: a probe every {@code interval} ({@code up-interval} while
 * up, when not zero); down when no probe has succeeded for {@code timeout} since the first failing
 * probe; up on the first success, or once probes have succeeded for {@code time-until-up};
 * {@code manual-resume} holds a member that went down until an administrator resumes it.
 */
public record MonitorTiming(Duration interval, Duration timeout, Duration timeUntilUp, Duration upInterval,
        boolean manualResume) {

    public static MonitorTiming ofSeconds(long interval, long timeout, long timeUntilUp, long upInterval,
            boolean manualResume) {
        return new MonitorTiming(Duration.ofSeconds(interval), Duration.ofSeconds(timeout),
                Duration.ofSeconds(timeUntilUp), Duration.ofSeconds(upInterval), manualResume);
    }

    /** How long one probe may take: an interval, and never more than the timeout. */
    public Duration probeDeadline() {
        return interval.compareTo(timeout) < 0 ? interval : timeout;
    }
}
