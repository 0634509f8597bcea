package net.gatehouse.appliance.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionQueueTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final ConnectionQueue queue = new ConnectionQueue();
    private final List<String> started = new CopyOnWriteArrayList<>();
    private volatile int freeMembers;

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** A waiter that gets a member when one is free, as a queued client connection does. */
    private ConnectionQueue.Waiter waiter(String name, CountDownLatch retrying, CountDownLatch proceed) {
        return new ConnectionQueue.Waiter() {
            @Override
            public EventLoop loop() {
                return loop;
            }

            @Override
            public boolean retry() {
                retrying.countDown();
                await(proceed);
                if (freeMembers == 0) {
                    return false;
                }
                freeMembers--;
                started.add(name);
                return true;
            }
        };
    }

    private ConnectionQueue.Waiter waiter(String name) {
        return waiter(name, new CountDownLatch(1), new CountDownLatch(0));
    }

    @Test
    void aWaiterTryingAgainStillCountsAgainstTheDepthLimit() throws InterruptedException {
        CountDownLatch retrying = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        assertThat(queue.offer(waiter("first", retrying, proceed), 1)).isTrue();

        queue.wake();
        assertThat(retrying.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.offer(waiter("second"), 1)).as("the queue is full while its head tries again").isFalse();

        proceed.countDown();
        drain();
        assertThat(queue.size()).as("no member was free: it still waits").isEqualTo(1);
        assertThat(started).isEmpty();
    }

    @Test
    void waitersGetMembersFirstComeFirstServedAsManyAsAreFree() throws InterruptedException {
        for (String name : List.of("one", "two", "three")) {
            assertThat(queue.offer(waiter(name), 0)).isTrue();
        }
        freeMembers = 2;
        queue.wake();
        drain();
        assertThat(started).containsExactly("one", "two");
        assertThat(queue.size()).isEqualTo(1);

        freeMembers = 1;
        queue.wake();
        drain();
        assertThat(started).containsExactly("one", "two", "three");
        assertThat(queue.size()).isZero();
    }

    @Test
    void aWaiterThatLeftIsSkipped() throws InterruptedException {
        ConnectionQueue.Waiter left = waiter("left");
        assertThat(queue.offer(left, 0)).isTrue();
        assertThat(queue.offer(waiter("stayed"), 0)).isTrue();
        queue.remove(left);
        assertThat(queue.size()).isEqualTo(1);

        freeMembers = 1;
        queue.wake();
        drain();
        assertThat(started).containsExactly("stayed");
        assertThat(queue.size()).isZero();
    }

    /** Waits until the loop has run everything queued on it so far, including wakes it queued itself. */
    private void drain() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            CountDownLatch done = new CountDownLatch(1);
            loop.execute(done::countDown);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
