package net.gatehouse.appliance.dataplane;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.lb.ResponseTime;
import net.gatehouse.appliance.lb.SlowRamp;
import net.gatehouse.appliance.view.LtmView;

/**
 * The runtime of one pool member (keyed by pool and member path): its configuration and node of
 * the moment, the address it is reached at, its server-side counters, response time, sessions
 * and slow ramp, which all survive commits. Selection reads these live, never a copy.
 */
final class MemberState {

    private final String poolPath;
    private final String memberPath;
    private final TrafficCounters serverSide = new TrafficCounters();
    private final ResponseTime responseTime = new ResponseTime();
    private final SlowRamp ramp = new SlowRamp();
    private final AtomicLong sessions = new AtomicLong();
    private final HttpCounters http = new HttpCounters();
    private volatile Configured configured;

    /** What a commit set: the member, its node's runtime, and the resolved socket address. */
    record Configured(LtmView.Member member, NodeState node, InetSocketAddress address) {
    }

    MemberState(String poolPath, LtmView.Member member, NodeState node) {
        this.poolPath = poolPath;
        this.memberPath = member.fullPath();
        configure(member, node);
    }

    void configure(LtmView.Member member, NodeState node) {
        Configured current = configured;
        InetSocketAddress address = current != null && current.member().address().equals(member.address())
                && current.member().port() == member.port() ? current.address()
                : new InetSocketAddress(IpLiterals.parse(member.address()), member.port());
        configured = new Configured(member, node, address);
    }

    String poolPath() {
        return poolPath;
    }

    String memberPath() {
        return memberPath;
    }

    Configured configured() {
        return configured;
    }

    /** Requests and responses on the L7 path. */
    HttpCounters http() {
        return http;
    }

    TrafficCounters serverSide() {
        return serverSide;
    }

    /**
     * Records one response time sample on the member and on its node (which averages over every
     * pool that uses it). The L4 path records, per connection, the time from opening the
     * server-side connection to the member's first byte; the L7 path records, per request, the
     * time from the request's last byte to the response's first byte.
     */
    void recordResponseTime(long nanos) {
        responseTime.record(nanos);
        configured.node().responseTime().record(nanos);
    }

    ResponseTime responseTime() {
        return responseTime;
    }

    SlowRamp ramp() {
        return ramp;
    }

    /**
     * The member's sessions: persistence records that point at it (least-sessions and
     * ratio-session count these). Persistence adds one per record it creates and removes it when
     * the record expires.
     */
    AtomicLong sessions() {
        return sessions;
    }

    /** Takes a connection on the member and its node past their limits ({@code override-connection-limit}). */
    Configured forceTake() {
        Configured now = configured;
        serverSide.open();
        now.node().serverSide().open();
        return now;
    }

    /**
     * Takes a connection on the member and its node, each against its own limit, atomically; on
     * failure nothing stays taken.
     *
     * @return what was taken (the connection gives it back to exactly these), or null
     */
    Configured tryTake() {
        Configured now = configured;
        if (!serverSide.tryOpen(now.member().connectionLimit())) {
            return null;
        }
        if (!now.node().serverSide().tryOpen(now.node().config().connectionLimit())) {
            serverSide.close();
            return null;
        }
        return now;
    }
}
