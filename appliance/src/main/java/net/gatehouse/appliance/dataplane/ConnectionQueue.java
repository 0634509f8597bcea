package net.gatehouse.appliance.dataplane;

import io.netty.channel.EventLoop;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool's queue of connections waiting for a member ({@code queue-on-connection-limit}), first
 * come first served. Lock-free; each waiter is retried on its own event loop.
 */
final class ConnectionQueue {

    /** A queued connection. */
    interface Waiter {
        EventLoop loop();

        /**
         * Tries again to get a member; runs on {@link #loop()}.
         *
         * @return false when it must keep waiting (it goes back to the head of the queue)
         */
        boolean retry();
    }

    private final ConcurrentLinkedDeque<Waiter> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    /** Queues a connection unless {@code depthLimit} (0: none) connections already wait. */
    boolean offer(Waiter waiter, long depthLimit) {
        int now;
        do {
            now = size.get();
            if (depthLimit > 0 && now >= depthLimit) {
                return false;
            }
        } while (!size.compareAndSet(now, now + 1));
        waiting.addLast(waiter);
        return true;
    }

    /** Takes a waiter out (it timed out or its client left). */
    void remove(Waiter waiter) {
        if (waiting.remove(waiter)) {
            size.decrementAndGet();
        }
    }

    int size() {
        return size.get();
    }

    /** A connection was given back: the oldest waiter tries again. */
    void wake() {
        Waiter head = waiting.pollFirst();
        if (head == null) {
            return;
        }
        size.decrementAndGet();
        head.loop().execute(() -> {
            if (!head.retry()) {
                size.incrementAndGet();
                waiting.addFirst(head);
            }
        });
    }
}
