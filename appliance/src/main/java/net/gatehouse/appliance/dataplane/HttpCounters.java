package net.gatehouse.appliance.dataplane;

import java.util.concurrent.atomic.LongAdder;

/** HTTP counters of one virtual, pool, member or node: requests, and responses by status class. */
final class HttpCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder[] responses = new LongAdder[6];

    HttpCounters() {
        for (int i = 0; i < responses.length; i++) {
            responses[i] = new LongAdder();
        }
    }

    void request() {
        requests.increment();
    }

    /** Counts a response by its class (1xx to 5xx; anything else counts as neither). */
    void response(int status) {
        int category = status / 100;
        if (category >= 1 && category <= 5) {
            responses[category].increment();
        }
    }

    /** {@code reset-stats}: requests and responses start again from zero. */
    void reset() {
        requests.reset();
        for (LongAdder adder : responses) {
            adder.reset();
        }
    }

    HttpStats snapshot() {
        return new HttpStats(requests.sum(), responses[1].sum(), responses[2].sum(), responses[3].sum(),
                responses[4].sum(), responses[5].sum());
    }
}
