package net.gatehouse.appliance.dataplane;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.lb.BalancerState;
import net.gatehouse.appliance.lb.Candidates;
import net.gatehouse.appliance.lb.Mode;
import net.gatehouse.appliance.lb.PoolBalancer;
import net.gatehouse.appliance.lb.SlowRamp;
import net.gatehouse.appliance.persist.Carp;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.view.LtmView;

/**
 * The runtime of one pool: the members of the moment (their runtimes, which carry their own
 * counts), the balancer built from the pool's settings, the balancer's state (cursor and observed
 * window), the connection queue and the pool's server-side counters. A commit swaps the plan; the
 * state, queue and counters stay.
 */
final class PoolState {

    private final String fullPath;
    private final TrafficCounters serverSide = new TrafficCounters();
    private final BalancerState balancerState = new BalancerState();
    private final ConnectionQueue queue = new ConnectionQueue();
    private final HttpCounters http = new HttpCounters();
    private volatile Plan plan;

    /** What a commit set. */
    record Plan(LtmView.Pool pool, List<MemberState> members, PoolBalancer balancer) {
    }

    /** A member chosen for a connection, with the node it was counted on. */
    record Taken(MemberState member, MemberState.Configured configured) {
    }

    PoolState(String fullPath) {
        this.fullPath = fullPath;
    }

    void configure(LtmView.Pool pool, List<MemberState> members) {
        Mode mode = Mode.of(pool.loadBalancingMode());
        int[] weights = new int[members.size()];
        int[] priorities = new int[members.size()];
        for (int i = 0; i < weights.length; i++) {
            MemberState.Configured member = members.get(i).configured();
            weights[i] = switch (mode.weight()) {
                case MEMBER_RATIO -> member.member().ratio();
                case NODE_RATIO -> member.node().config().ratio();
                case MEMBER_DYNAMIC_RATIO -> member.member().dynamicRatio();
                case NODE_DYNAMIC_RATIO -> member.node().config().dynamicRatio();
                case NONE -> 1;
            };
            priorities[i] = member.member().priorityGroup();
        }
        plan = new Plan(pool, List.copyOf(members), new PoolBalancer(mode, weights, priorities,
                pool.minActiveMembers(), TimeUnit.SECONDS.toNanos(pool.slowRampSeconds()), balancerState));
    }

    String fullPath() {
        return fullPath;
    }

    Plan plan() {
        return plan;
    }

    /** Requests and responses on the L7 path. */
    HttpCounters http() {
        return http;
    }

    TrafficCounters serverSide() {
        return serverSide;
    }

    ConnectionQueue queue() {
        return queue;
    }

    /**
     * Picks and takes a member for a new connection, leaving out {@code tried} (members whose
     * connect already failed for this connection); null when none can take it.
     */
    Taken select(HealthView health, long nowNanos, Set<MemberState> tried) {
        Plan now = plan;
        Chooser chooser = new Chooser(now.members(), health, tried);
        int index = now.balancer().select(chooser, nowNanos);
        return index == PoolBalancer.NONE ? null : new Taken(now.members().get(index), chooser.taken);
    }

    /**
     * {@code hash-algorithm carp}: the available member with the highest CARP score for the key that
     * can take the connection, or null.
     */
    Taken selectCarp(String key, HealthView health) {
        List<MemberState> members = new java.util.ArrayList<>(plan.members());
        members.sort(java.util.Comparator.comparingLong((MemberState m) -> Carp.score(key,
                m.configured().member().address() + ":" + m.configured().member().port())).reversed());
        for (MemberState member : members) {
            if (takesNewConnections(member, health)) {
                MemberState.Configured taken = member.tryTake();
                if (taken != null) {
                    return new Taken(member, taken);
                }
            }
        }
        return null;
    }

    /** The member of this pool at an address and port, or null. */
    MemberState member(String address, int port) {
        for (MemberState member : plan.members()) {
            LtmView.Member config = member.configured().member();
            if (config.port() == port && IpLiterals.parse(config.address()).equals(IpLiterals.parse(address))) {
                return member;
            }
        }
        return null;
    }

    /**
     * Takes a persisted member: within its connection limits, or past them with
     * {@code override-connection-limit}; null when it is at a limit.
     */
    static Taken take(MemberState member, boolean overrideConnectionLimit) {
        MemberState.Configured taken = overrideConnectionLimit ? member.forceTake() : member.tryTake();
        return taken == null ? null : new Taken(member, taken);
    }

    /**
     * Whether persisted clients may still go to a member: a member or node that is only disabled
     * ({@code session user-disabled}, or draining on a {@code recv-disable} match) keeps them; one
     * forced offline ({@code state user-down}) or marked down by a monitor does not.
     */
    static boolean keepsPersistedClients(MemberState member, HealthView health) {
        MemberState.Configured now = member.configured();
        return !now.member().forcedDown() && !now.node().config().forcedDown()
                && health.member(member.poolPath(), member.memberPath()) != Availability.OFFLINE
                && health.node(now.node().config().fullPath()) != Availability.OFFLINE;
    }

    /** Whether some member takes traffic (health and admin state), at its connection limit or not. */
    boolean anyAvailable(HealthView health) {
        for (MemberState member : plan.members()) {
            if (takesNewConnections(member, health)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a member may get new connections now: admin state of member and node, and what the
     * monitors say (down, or disabled by a {@code recv-disable} match, takes nothing new).
     */
    static boolean takesNewConnections(MemberState member, HealthView health) {
        MemberState.Configured now = member.configured();
        LtmView.Member config = now.member();
        LtmView.Node node = now.node().config();
        return config.sessionEnabled() && !config.forcedDown() && node.sessionEnabled() && !node.forcedDown()
                && health.memberStatus(member.poolPath(), member.memberPath()).takesNewConnections()
                && health.nodeStatus(node.fullPath()).takesNewConnections();
    }

    /** The members' live runtime state, as the balancer reads it. */
    private static final class Chooser implements Candidates {
        private final List<MemberState> members;
        private final HealthView health;
        private final Set<MemberState> tried;
        private MemberState.Configured taken;

        Chooser(List<MemberState> members, HealthView health, Set<MemberState> tried) {
            this.members = members;
            this.health = health;
            this.tried = tried;
        }

        @Override
        public int size() {
            return members.size();
        }

        @Override
        public boolean available(int index) {
            MemberState member = members.get(index);
            return takesNewConnections(member, health) && (tried == null || !tried.contains(member));
        }

        @Override
        public boolean full(int index) {
            MemberState.Configured now = members.get(index).configured();
            return reached(members.get(index).serverSide().currentConnections(), now.member().connectionLimit())
                    || reached(now.node().serverSide().currentConnections(), now.node().config().connectionLimit());
        }

        private static boolean reached(long connections, long limit) {
            return limit > 0 && connections >= limit;
        }

        @Override
        public boolean tryTake(int index) {
            taken = members.get(index).tryTake();
            return taken != null;
        }

        @Override
        public long connections(int index) {
            return members.get(index).serverSide().currentConnections();
        }

        @Override
        public long nodeConnections(int index) {
            return members.get(index).configured().node().serverSide().currentConnections();
        }

        @Override
        public long connectionLimit(int index) {
            return members.get(index).configured().member().connectionLimit();
        }

        @Override
        public long nodeConnectionLimit(int index) {
            return members.get(index).configured().node().config().connectionLimit();
        }

        @Override
        public long sessions(int index) {
            return members.get(index).sessions().get();
        }

        @Override
        public long responseNanos(int index) {
            return members.get(index).responseTime().nanos();
        }

        @Override
        public long nodeResponseNanos(int index) {
            return members.get(index).configured().node().responseTime().nanos();
        }

        @Override
        public SlowRamp ramp(int index) {
            return members.get(index).ramp();
        }
    }
}
