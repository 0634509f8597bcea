package net.gatehouse.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.health.MonitorStatus.State;
import org.junit.jupiter.api.Test;

class InbandStateMachineTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final InbandStateMachine inband = new InbandStateMachine(3, 30 * S, 10 * S, 300 * S);

    @Test
    void failuresWithinTheFailureIntervalMarkDownForTheRetryTime() {
        inband.failure(0);
        inband.failure(10 * S);
        assertThat(inband.status().state()).isEqualTo(State.UP);
        assertThat(inband.failure(20 * S).state()).isEqualTo(State.DOWN);
        assertThat(inband.nextWake()).isEqualTo(320 * S);
        assertThat(inband.tick(319 * S).state()).isEqualTo(State.DOWN);
        assertThat(inband.tick(320 * S).state()).isEqualTo(State.UP);
    }

    @Test
    void failuresSpreadWiderThanTheIntervalDoNotMarkDown() {
        inband.failure(0);
        inband.failure(20 * S);
        assertThat(inband.failure(40 * S).state()).isEqualTo(State.UP);
    }

    @Test
    void slowResponsesCountAsFailures() {
        inband.response(11 * S, 0);
        inband.response(1 * S, 1 * S);
        inband.response(12 * S, 2 * S);
        assertThat(inband.response(15 * S, 3 * S).state()).isEqualTo(State.DOWN);
    }
}
