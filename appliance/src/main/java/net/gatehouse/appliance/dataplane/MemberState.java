package net.gatehouse.appliance.dataplane;

import java.net.InetSocketAddress;
import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.view.LtmView;

/**
 * The runtime of one pool member (keyed by pool and member path): its configuration and node of
 * the moment, the address it is reached at, and its server-side counters, which survive commits.
 */
final class MemberState {

    private final String poolPath;
    private final String memberPath;
    private final TrafficCounters serverSide = new TrafficCounters();
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
