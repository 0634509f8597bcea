package net.gatehouse.appliance.dataplane;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.gatehouse.appliance.dataplane.lb.Candidates;
import net.gatehouse.appliance.dataplane.lb.Mode;
import net.gatehouse.appliance.dataplane.lb.Selection;
import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of one pool: the members of the moment (their runtimes, which carry their own
 * counts), the selection schedule, the round-robin cursor and the pool's server-side counters.
 * A commit swaps the plan; the cursor and counters stay.
 */
final class PoolState {

    private static final Logger LOG = LoggerFactory.getLogger(PoolState.class);

    private final String fullPath;
    private final TrafficCounters serverSide = new TrafficCounters();
    private final HttpCounters http = new HttpCounters();
    private final AtomicLong cursor = new AtomicLong();
    private volatile Plan plan;

    /** What a commit set. */
    record Plan(LtmView.Pool pool, Mode mode, List<MemberState> members, int[] schedule) {
    }

    /** A member chosen for a connection, with the node it was counted on. */
    record Taken(MemberState member, MemberState.Configured configured) {
    }

    PoolState(String fullPath) {
        this.fullPath = fullPath;
    }

    void configure(LtmView.Pool pool, List<MemberState> members) {
        Mode mode = Mode.of(pool.loadBalancingMode());
        Plan before = plan;
        if (!Mode.isModelled(pool.loadBalancingMode())
                && (before == null || !before.pool().loadBalancingMode().equals(pool.loadBalancingMode()))) {
            LOG.info("{}: load-balancing-mode {} is balanced round-robin in this version", fullPath,
                    pool.loadBalancingMode());
        }
        int[] ratios = new int[members.size()];
        for (int i = 0; i < ratios.length; i++) {
            MemberState.Configured member = members.get(i).configured();
            ratios[i] = switch (mode) {
                case RATIO_MEMBER -> member.member().ratio();
                case RATIO_NODE -> member.node().config().ratio();
                default -> 1;
            };
        }
        plan = new Plan(pool, mode, List.copyOf(members), Selection.schedule(ratios));
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

    /** Picks and takes a member for a new connection, or returns null when none can take it. */
    Taken select(HealthView health) {
        Plan now = plan;
        Chooser chooser = new Chooser(now, health);
        int index = Selection.pick(now.mode(), now.schedule(), cursor.getAndIncrement(), chooser);
        return index == Selection.NONE ? null : new Taken(now.members().get(index), chooser.taken);
    }

    /** Whether a member may get new connections now: health, admin state of member and node. */
    static boolean takesNewConnections(MemberState member, HealthView health) {
        MemberState.Configured now = member.configured();
        LtmView.Member config = now.member();
        LtmView.Node node = now.node().config();
        return config.sessionEnabled() && !config.forcedDown() && node.sessionEnabled() && !node.forcedDown()
                && health.member(member.poolPath(), member.memberPath()).takesTraffic()
                && health.node(node.fullPath()).takesTraffic();
    }

    private static final class Chooser implements Candidates {
        private final Plan plan;
        private final HealthView health;
        private MemberState.Configured taken;

        Chooser(Plan plan, HealthView health) {
            this.plan = plan;
            this.health = health;
        }

        @Override
        public int size() {
            return plan.members().size();
        }

        @Override
        public boolean eligible(int index) {
            return takesNewConnections(plan.members().get(index), health);
        }

        @Override
        public long connections(int index) {
            MemberState member = plan.members().get(index);
            return plan.mode() == Mode.LEAST_CONNECTIONS_NODE
                    ? member.configured().node().serverSide().currentConnections()
                    : member.serverSide().currentConnections();
        }

        @Override
        public boolean tryTake(int index) {
            taken = plan.members().get(index).tryTake();
            return taken != null;
        }
    }
}
