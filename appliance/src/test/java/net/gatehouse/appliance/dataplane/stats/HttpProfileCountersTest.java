package net.gatehouse.appliance.dataplane.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpProfileCountersTest {

    @Test
    void requestsCountByMethodAndVersionAndResponsesByVersionAndClass() {
        HttpProfileCounters counters = new HttpProfileCounters();
        counters.request("GET", HttpProfileCounters.Version.V11);
        counters.request("POST", HttpProfileCounters.Version.V11);
        counters.request("HEAD", HttpProfileCounters.Version.V10);
        counters.response(HttpProfileCounters.Version.V11, 200);
        counters.response(HttpProfileCounters.Version.V11, 301);
        counters.response(HttpProfileCounters.Version.V10, 503);
        counters.response(HttpProfileCounters.Version.V11, 101);

        assertThat(counters.read()).isEqualTo(new HttpProfileStats(3, 1, 1, 0, 1, 2, 0, 0, 1, 3, 1, 1, 0, 1, 0));
    }

    @Test
    void theKeepAliveMaximumIsTheMostRequestsOnOneConnectionAndResetStartsItAgain() {
        HttpProfileCounters counters = new HttpProfileCounters();
        for (long n = 1; n <= 4; n++) {
            counters.requestOnConnection(n);
        }
        counters.requestOnConnection(2);
        counters.webSocket();
        assertThat(counters.read().maxKeepaliveRequests()).isEqualTo(4);
        assertThat(counters.read().webSockets()).isEqualTo(1);

        counters.reset();

        assertThat(counters.read()).isEqualTo(HttpProfileStats.NONE);
    }
}
