package net.gatehouse.appliance.dataplane.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live counters of one http profile, shared by every virtual that uses it. Each event loop
 * adds without contending (striped adders); the keep-alive maximum is one atomic raised with
 * {@code accumulateAndGet}, which is only written when a connection passes the old maximum.
 */
public final class HttpProfileCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder getRequests = new LongAdder();
    private final LongAdder postRequests = new LongAdder();
    private final LongAdder[] requestVersions = adders(3);
    private final LongAdder[] responseVersions = adders(3);
    private final LongAdder[] responseClasses = adders(6);
    private final LongAdder webSockets = new LongAdder();
    private final AtomicLong maxKeepaliveRequests = new AtomicLong();

    /** HTTP/0.9, 1.0 and 1.1, as BIG-IP counts them; index 0 is 0.9. */
    public enum Version {
        V09, V10, V11
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] all = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            all[i] = new LongAdder();
        }
        return all;
    }

    /** A request head the profile accepted: its method and version. */
    public void request(String method, Version version) {
        requests.increment();
        if (method.equals("GET")) {
            getRequests.increment();
        } else if (method.equals("POST")) {
            postRequests.increment();
        }
        requestVersions[version.ordinal()].increment();
    }

    /** The {@code n}th request on one client connection (raises the keep-alive maximum when it is the most). */
    public void requestOnConnection(long n) {
        if (n > maxKeepaliveRequests.get()) {
            maxKeepaliveRequests.accumulateAndGet(n, Math::max);
        }
    }

    /** A final response head from a server: its version and status (1xx and out-of-range codes count by version only). */
    public void response(Version version, int status) {
        responseVersions[version.ordinal()].increment();
        int category = status / 100;
        if (category >= 2 && category <= 5) {
            responseClasses[category].increment();
        }
    }

    /** A connection switched to byte forwarding after {@code 101 Switching Protocols}. */
    public void webSocket() {
        webSockets.increment();
    }

    /** {@code reset-stats ltm profile http}: every counter starts again from zero. */
    public void reset() {
        requests.reset();
        getRequests.reset();
        postRequests.reset();
        for (LongAdder adder : requestVersions) {
            adder.reset();
        }
        for (LongAdder adder : responseVersions) {
            adder.reset();
        }
        for (LongAdder adder : responseClasses) {
            adder.reset();
        }
        webSockets.reset();
        maxKeepaliveRequests.set(0);
    }

    public HttpProfileStats read() {
        return new HttpProfileStats(requests.sum(), getRequests.sum(), postRequests.sum(), requestVersions[0].sum(),
                requestVersions[1].sum(), requestVersions[2].sum(), maxKeepaliveRequests.get(),
                responseVersions[0].sum(), responseVersions[1].sum(), responseVersions[2].sum(),
                responseClasses[2].sum(), responseClasses[3].sum(), responseClasses[4].sum(),
                responseClasses[5].sum(), webSockets.sum());
    }
}
