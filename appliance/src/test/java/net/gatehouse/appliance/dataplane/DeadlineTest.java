package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final MockTicker ticker = Ticker.newMockTicker();
    private final EmbeddedChannel channel = EmbeddedChannel.builder().ticker(ticker).build();
    private int expiries;
    private final Deadline deadline = new Deadline(channel.eventLoop(), () -> expiries++);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Moves the loop's clock on and runs what is due; returns the delay of the next task, or -1 when none is left. */
    private long advance(long seconds) {
        ticker.advance(seconds, TimeUnit.SECONDS);
        return channel.runScheduledPendingTasks();
    }

    @Test
    void anArmedDeadlineExpiresOnceWhenItsTimeHasPassed() {
        deadline.arm(10, TimeUnit.SECONDS);

        advance(9);
        assertThat(expiries).isZero();
        assertThat(advance(1)).isEqualTo(-1);
        assertThat(expiries).isEqualTo(1);
        assertThat(deadline.armed()).isFalse();
        advance(30);
        assertThat(expiries).isEqualTo(1);
    }

    @Test
    void aClearedDeadlineNeverExpiresAndItsTaskEndsAtItsTime() {
        deadline.arm(10, TimeUnit.SECONDS);
        deadline.clear();

        assertThat(advance(10)).isEqualTo(-1);
        assertThat(expiries).isZero();
    }

    @Test
    void armingAgainForLaterMovesTheExpiryToTheNewDeadline() {
        deadline.arm(10, TimeUnit.SECONDS);
        advance(6);
        deadline.clear();
        deadline.arm(10, TimeUnit.SECONDS);

        advance(4);
        assertThat(expiries).as("the first task woke at 10 s and slept on").isZero();
        advance(5);
        assertThat(expiries).isZero();
        advance(1);
        assertThat(expiries).isEqualTo(1);
    }

    @Test
    void armingForSoonerThanTheWaitingTaskExpiresAtTheSoonerTime() {
        deadline.arm(300, TimeUnit.SECONDS);
        deadline.arm(2, TimeUnit.SECONDS);

        advance(2);
        assertThat(expiries).isEqualTo(1);
        assertThat(advance(300)).as("the 300 s task was cancelled").isEqualTo(-1);
        assertThat(expiries).isEqualTo(1);
    }

    @Test
    void aStoppedDeadlineLeavesNoTaskOnTheLoop() {
        deadline.arm(10, TimeUnit.SECONDS);
        deadline.stop();

        assertThat(channel.runScheduledPendingTasks()).isEqualTo(-1);
        advance(10);
        assertThat(expiries).isZero();
    }

    @Test
    void thousandsOfRequestsArmingAndClearingItKeepOneTaskWaiting() {
        for (int i = 0; i < 5_000; i++) {
            deadline.arm(10, TimeUnit.SECONDS);
            ticker.advance(1, TimeUnit.MILLISECONDS);
            deadline.clear();
        }
        deadline.arm(10, TimeUnit.SECONDS);

        assertThat(channel.runScheduledPendingTasks())
                .as("one task, first armed 5 s ago, wakes in 5 s").isEqualTo(TimeUnit.SECONDS.toNanos(5));
        advance(5);
        assertThat(expiries).isZero();
        advance(5);
        assertThat(expiries).isEqualTo(1);
    }
}
