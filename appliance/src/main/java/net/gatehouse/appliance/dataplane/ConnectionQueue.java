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
         * @return false when it must keep waiting (it stays at the head of the queue); true when it
         *     has a member or no longer waits
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

    /**
     * A connection was given back: the oldest waiter tries again on its own loop. It stays in the
     * queue (and counts against the depth limit) until it has a member, so a connection arriving
     * meanwhile cannot pass it or overfill the queue. One that got a member wakes the next, in
     * case more than one connection was given back.
     */
    void wake() {
        Waiter head = waiting.peekFirst();
        if (head == null) {
            return;
        }
        head.loop().execute(() -> {
            if (head.retry()) {
                remove(head);
                wake();
            }
        });
    }
}
