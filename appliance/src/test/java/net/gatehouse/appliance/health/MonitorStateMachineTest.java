package net.gatehouse.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.health.MonitorStatus.State;
import org.junit.jupiter.api.Test;

/** BIG-IP's monitor timing on a fake clock: a probe every interval, down after timeout, up on success. */
class MonitorStateMachineTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    /** Drives the machine second by second; the backend answers as {@code up} says at each probe's start. */
    private static final class Driver {
        final MonitorStateMachine machine;
        long now;

        Driver(MonitorTiming timing) {
            machine = new MonitorStateMachine(timing, 0);
        }

        /** Runs to {@code untilSeconds}, probes answering {@code result}; when {@code state} was reached, or -1. */
        long runUntil(long untilSeconds, ProbeResult result, State state) {
            long reached = -1;
            for (; now <= untilSeconds * S; now += S / 10) {
                machine.tick(now);
                if (machine.probeDue(now)) {
                    machine.probeStarted(now);
                    machine.probeFinished(result, now, now);
                }
                if (reached < 0 && machine.status().state() == state) {
                    reached = now;
                }
            }
            return reached;
        }
    }

    @Test
    void firstSuccessfulProbeMarksUp() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, false));
        assertThat(d.machine.status().state()).isEqualTo(State.CHECKING);
        assertThat(d.runUntil(1, ProbeResult.success(), State.UP)).isZero();
    }

    @Test
    void downNoEarlierThanTimeoutAndNoLaterThanTimeoutPlusIntervalAfterTheBackendStops() {
        for (long stopAt = 20; stopAt < 26; stopAt++) {
            Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, false));
            d.runUntil(stopAt, ProbeResult.success(), State.DOWN);
            long downAt = d.runUntil(stopAt + 40, ProbeResult.failure("Unable to connect"), State.DOWN);
            assertThat(downAt).isBetween((stopAt + 16) * S, (stopAt + 16 + 5) * S);
            assertThat(d.machine.status().lastError()).isEqualTo("Unable to connect");
        }
    }

    @Test
    void aProbeThatHangsUntilItsDeadlineCountsFromItsStart() {
        MonitorStateMachine m = new MonitorStateMachine(MonitorTiming.ofSeconds(5, 16, 0, 0, false), 0);
        m.probeStarted(0);
        m.probeFinished(ProbeResult.success(), 0, 0);
        m.probeStarted(5 * S);
        m.probeFinished(ProbeResult.failure("No successful responses received before deadline."), 5 * S, 10 * S);
        assertThat(m.tick(20 * S).state()).isEqualTo(State.UP);
        assertThat(m.nextWake()).isEqualTo(10 * S);
        assertThat(m.tick(21 * S).state()).isEqualTo(State.DOWN);
    }

    @Test
    void oneFailureWithinTheTimeoutDoesNotMarkDown() {
        MonitorStateMachine m = new MonitorStateMachine(MonitorTiming.ofSeconds(5, 16, 0, 0, false), 0);
        m.probeStarted(0);
        m.probeFinished(ProbeResult.success(), 0, 0);
        m.probeStarted(5 * S);
        m.probeFinished(ProbeResult.failure("Unable to connect"), 5 * S, 5 * S);
        m.probeStarted(10 * S);
        m.probeFinished(ProbeResult.success(), 10 * S, 10 * S);
        assertThat(m.tick(40 * S).state()).isEqualTo(State.UP);
    }

    @Test
    void neverAnsweringFromTheStartIsDownAfterTheTimeout() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, false));
        assertThat(d.runUntil(30, ProbeResult.failure("Unable to connect"), State.DOWN)).isEqualTo(16 * S);
    }

    @Test
    void downMemberComesBackOnTheFirstSuccess() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, false));
        d.runUntil(30, ProbeResult.failure("Unable to connect"), State.DOWN);
        long upAt = d.runUntil(60, ProbeResult.success(), State.UP);
        assertThat(upAt).isBetween(30 * S, 36 * S);
    }

    @Test
    void timeUntilUpWaitsForSuccessesToLastThatLong() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 12, 0, false));
        d.runUntil(30, ProbeResult.failure("Unable to connect"), State.DOWN);
        long firstSuccess = d.now;
        long upAt = d.runUntil(80, ProbeResult.success(), State.UP);
        assertThat(upAt - firstSuccess).isBetween(12 * S, 18 * S);
    }

    @Test
    void aFailureRestartsTheTimeUntilUp() {
        MonitorStateMachine m = new MonitorStateMachine(MonitorTiming.ofSeconds(5, 16, 10, 0, false), 0);
        m.probeStarted(0);
        m.probeFinished(ProbeResult.success(), 0, 0);
        m.probeStarted(5 * S);
        m.probeFinished(ProbeResult.failure("Unable to connect"), 5 * S, 5 * S);
        m.probeStarted(10 * S);
        m.probeFinished(ProbeResult.success(), 10 * S, 10 * S);
        assertThat(m.tick(12 * S).state()).isEqualTo(State.CHECKING);
        assertThat(m.tick(20 * S).state()).isEqualTo(State.UP);
    }

    @Test
    void upIntervalSpacesProbesWhileUp() {
        MonitorStateMachine m = new MonitorStateMachine(MonitorTiming.ofSeconds(5, 16, 0, 30, false), 0);
        m.probeStarted(0);
        m.probeFinished(ProbeResult.success(), 0, 0);
        m.probeStarted(5 * S);
        assertThat(m.nextProbeAt()).isEqualTo(35 * S);
        m.probeFinished(ProbeResult.failure("Unable to connect"), 5 * S, 5 * S);
        m.tick(21 * S);
        m.probeStarted(35 * S);
        assertThat(m.nextProbeAt()).isEqualTo(40 * S);
    }

    @Test
    void manualResumeHoldsARecoveredMemberDownUntilResumed() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, true));
        d.runUntil(1, ProbeResult.success(), State.UP);
        d.runUntil(30, ProbeResult.failure("Unable to connect"), State.DOWN);
        d.runUntil(60, ProbeResult.success(), State.UP);
        assertThat(d.machine.status().state()).isEqualTo(State.HELD);
        assertThat(d.machine.status().isDown()).isTrue();
        assertThat(d.machine.resume(d.now).state()).isEqualTo(State.UP);
    }

    @Test
    void recvDisableMatchKeepsTheMemberUpButDraining() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, false));
        d.runUntil(1, ProbeResult.success(), State.UP);
        d.runUntil(40, ProbeResult.disable(), State.DOWN);
        assertThat(d.machine.status()).isEqualTo(new MonitorStatus(State.UP, true, ""));
        d.runUntil(50, ProbeResult.success(), State.DOWN);
        assertThat(d.machine.status().draining()).isFalse();
    }

    @Test
    void aProbeThatCannotRunHereMakesTheMonitorUnknownNotDown() {
        Driver d = new Driver(MonitorTiming.ofSeconds(5, 16, 0, 0, false));
        d.runUntil(40, ProbeResult.notPossible(IcmpProbe.REASON), State.DOWN);
        assertThat(d.machine.status().state()).isEqualTo(State.UNKNOWN);
        assertThat(d.machine.status().lastError()).contains("ICMP");
    }
}
