package net.gatehouse.appliance.dataplane.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TrafficCountersTest {

    @Test
    void aConnectionLimitHoldsUnderConcurrentOpens() throws InterruptedException {
        TrafficCounters counters = new TrafficCounters();
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            threads.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    if (counters.tryOpen(10)) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        go.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(admitted.get()).isEqualTo(10);
        assertThat(counters.read().currentConnections()).isEqualTo(10);
        assertThat(counters.read().totalConnections()).isEqualTo(10);
    }

    @Test
    void countsBitsPacketsAndTheHighWaterMark() {
        TrafficCounters counters = new TrafficCounters();
        counters.open();
        counters.open();
        counters.close();
        counters.open();
        counters.received(100);
        counters.sent(10);
        counters.sent(5);
        assertThat(counters.read()).isEqualTo(new TrafficStats(800, 120, 1, 2, 2, 2, 3));
    }
}
