package net.gatehouse.appliance.dataplane;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.gatehouse.appliance.dataplane.stats.HttpProfileCounters;
import net.gatehouse.appliance.dataplane.stats.HttpProfileStats;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.view.LtmView;

/**
 * The runtime of every virtual, pool, member and node, keyed by full path (members by pool and
 * member path). A commit updates each entry's configuration in place, so connection counts,
 * round-robin cursors and counters survive it; an entry goes only when its object is deleted.
 * Commits apply one at a time; readers (connections, {@code show}) see each entry's latest plan.
 */
final class RuntimeRegistry {

    private final boolean transparentBinding;
    private final Map<String, NodeState> nodes = new ConcurrentHashMap<>();
    private final Map<String, PoolState> pools = new ConcurrentHashMap<>();
    private final Map<String, MemberState> members = new ConcurrentHashMap<>();
    private final Map<String, VirtualState> virtuals = new ConcurrentHashMap<>();
    private final Map<String, HttpProfileCounters> httpProfiles = new ConcurrentHashMap<>();

    RuntimeRegistry(boolean transparentBinding) {
        this.transparentBinding = transparentBinding;
    }

    /** Takes a new view; a member added to a pool that already ran starts its slow ramp {@code nowNanos}. */
    void apply(LtmView view, long nowNanos) {
        for (LtmView.Node node : view.nodes().values()) {
            nodes.computeIfAbsent(node.fullPath(), path -> new NodeState(node)).configure(node);
        }
        Set<String> memberKeys = new HashSet<>();
        for (LtmView.Pool pool : view.pools().values()) {
            List<MemberState> states = new ArrayList<>();
            for (LtmView.Member member : pool.members()) {
                NodeState node = nodeOf(view, member);
                String key = memberKey(pool.fullPath(), member.fullPath());
                memberKeys.add(key);
                boolean poolRan = pools.containsKey(pool.fullPath());
                states.add(members.compute(key, (k, existing) -> {
                    if (existing == null) {
                        MemberState added = new MemberState(pool.fullPath(), member, node);
                        if (poolRan) {
                            added.ramp().start(nowNanos);
                        }
                        return added;
                    }
                    existing.configure(member, node);
                    return existing;
                }));
            }
            pools.computeIfAbsent(pool.fullPath(), PoolState::new).configure(pool, states);
        }
        Set<String> httpProfilesUsed = new HashSet<>();
        for (LtmView.Virtual virtual : view.virtuals().values()) {
            PoolState pool = virtual.pool().map(pools::get).orElse(null);
            VirtualState state = virtuals.computeIfAbsent(virtual.fullPath(), VirtualState::new);
            virtual.http().ifPresent(http -> {
                httpProfilesUsed.add(http.profile());
                state.httpProfile(httpProfiles.computeIfAbsent(http.profile(), path -> new HttpProfileCounters()));
            });
            state.configure(plan(view, virtual, pool));
        }
        nodes.keySet().retainAll(view.nodes().keySet());
        pools.keySet().retainAll(view.pools().keySet());
        members.keySet().retainAll(memberKeys);
        virtuals.keySet().retainAll(view.virtuals().keySet());
        httpProfiles.keySet().retainAll(httpProfilesUsed);
    }

    private NodeState nodeOf(LtmView view, LtmView.Member member) {
        String path = member.fullPath();
        String nodePath = path.substring(0, Math.max(path.lastIndexOf(':'), path.lastIndexOf('.')));
        NodeState node = nodes.get(nodePath);
        if (node != null) {
            return node;
        }
        for (LtmView.Node candidate : view.nodes().values()) {
            if (candidate.address().equals(member.address())) {
                return nodes.get(candidate.fullPath());
            }
        }
        throw new IllegalStateException("pool member " + path + " has no node in the configuration");
    }

    private VirtualState.Plan plan(LtmView view, LtmView.Virtual virtual, PoolState pool) {
        LtmView.SourceTranslation translation = virtual.sourceTranslation();
        return switch (translation.type()) {
            case "automap" -> new VirtualState.Plan(virtual, pool, new SourceAddress.Automap(), "");
            case "snat" -> {
                List<String> addresses = translation.pool().map(view.snatpools()::get).orElse(List.of());
                if (addresses.isEmpty()) {
                    yield new VirtualState.Plan(virtual, pool, new SourceAddress.Automap(),
                            "source-address-translation snat has no snatpool addresses; automap is used");
                }
                yield new VirtualState.Plan(virtual, pool, new SourceAddress.Snat(addresses.stream()
                        .map(a -> new InetSocketAddress(IpLiterals.parse(a), 0)).toList()), "");
            }
            case "lsn" -> new VirtualState.Plan(virtual, pool, new SourceAddress.Automap(),
                    "source-address-translation lsn is not carried out; automap is used");
            default -> new VirtualState.Plan(virtual, pool, new SourceAddress.ClientAddress(transparentBinding),
                    transparentBinding ? "" : "source-address-translation none: this host does not allow"
                            + " transparent binding, so clients not on this host are translated with automap");
        };
    }

    /**
     * Tells every member's slow ramp whether it takes traffic now, so a member that comes back
     * starts its ramp within a second even when no selection considered it meanwhile.
     */
    void observeAvailability(HealthView health, long nowNanos) {
        for (MemberState member : members.values()) {
            member.ramp().observe(PoolState.takesNewConnections(member, health), nowNanos);
        }
    }

    /** A persistence record started (+1) or stopped (-1) pointing at a member: its sessions count. */
    void addSessions(String poolPath, String memberPath, int delta) {
        MemberState member = members.get(memberKey(poolPath, memberPath));
        if (member != null) {
            member.sessions().updateAndGet(count -> Math.max(0, count + delta));
        }
    }

    static String memberKey(String poolPath, String memberPath) {
        return poolPath + " " + memberPath;
    }

    /** Every pool's runtime, by full path. */
    Map<String, PoolState> pools() {
        return Map.copyOf(pools);
    }

    VirtualState virtualState(String fullPath) {
        return virtuals.get(fullPath);
    }

    /** {@code reset-stats ltm virtual}: the virtual's client-side totals start again. */
    boolean resetVirtual(String fullPath) {
        VirtualState state = virtuals.get(fullPath);
        if (state != null) {
            state.clientSide().reset();
            state.http().reset();
        }
        return state != null;
    }

    /** {@code reset-stats ltm pool}: the pool's and its members' server-side totals start again. */
    boolean resetPool(String fullPath) {
        PoolState state = pools.get(fullPath);
        if (state != null) {
            state.serverSide().reset();
            state.http().reset();
            state.plan().members().forEach(member -> {
                member.serverSide().reset();
                member.http().reset();
            });
        }
        return state != null;
    }

    /** {@code reset-stats ltm node}: the node's server-side totals start again. */
    boolean resetNode(String fullPath) {
        NodeState state = nodes.get(fullPath);
        if (state != null) {
            state.serverSide().reset();
            state.http().reset();
        }
        return state != null;
    }

    /** {@code reset-stats ltm profile http}: the profile's counters start again; false when no virtual uses it. */
    boolean resetHttpProfile(String fullPath) {
        HttpProfileCounters counters = httpProfiles.get(fullPath);
        if (counters != null) {
            counters.reset();
        }
        return counters != null;
    }

    /**
     * An http profile's report: the virtuals that use it now and its counters (zero for a profile no
     * virtual uses; its counters go when the last virtual stops using it).
     */
    Reports.HttpProfile httpProfileReport(String fullPath) {
        int virtualServers = 0;
        for (VirtualState state : virtuals.values()) {
            VirtualState.Plan plan = state.plan();
            if (plan != null && plan.virtual().http().map(http -> http.profile().equals(fullPath)).orElse(false)) {
                virtualServers++;
            }
        }
        HttpProfileCounters counters = httpProfiles.get(fullPath);
        return new Reports.HttpProfile(fullPath, virtualServers,
                counters == null ? HttpProfileStats.NONE : counters.read());
    }

    Optional<Reports.Virtual> virtualReport(String fullPath, HealthView health) {
        VirtualState state = virtuals.get(fullPath);
        if (state == null) {
            return Optional.empty();
        }
        VirtualState.Plan plan = state.plan();
        LtmView.Virtual virtual = plan.virtual();
        String destination = virtual.address() + (virtual.address().contains(":") ? "." : ":") + virtual.port();
        return Optional.of(new Reports.Virtual(fullPath, destination, virtualStatus(state, plan, health),
                state.clientSide().read(), state.http().snapshot()));
    }

    private Reports.Status virtualStatus(VirtualState state, VirtualState.Plan plan, HealthView health) {
        String enabled = plan.virtual().enabled() ? "enabled" : "disabled";
        String failure = state.listenFailure();
        if (failure != null) {
            return new Reports.Status("unavailable", enabled, failure);
        }
        Reports.Status pool = plan.pool() == null
                ? new Reports.Status("unknown", "enabled", Words.CHILDREN_UNCHECKED)
                : poolStatus(plan.pool().plan(), health);
        String reason = switch (pool.availability()) {
            case "available" -> "The virtual server is available";
            case "offline" -> "The children pool member(s) are down";
            default -> Words.CHILDREN_UNCHECKED;
        };
        if (!plan.virtual().enabled()) {
            reason = "The virtual server is disabled";
        }
        if (!plan.translationNote().isEmpty()) {
            reason = reason + "; " + plan.translationNote();
        }
        return new Reports.Status(pool.availability(), enabled, reason);
    }

    Optional<Reports.Pool> poolReport(String fullPath, HealthView health) {
        PoolState state = pools.get(fullPath);
        if (state == null) {
            return Optional.empty();
        }
        PoolState.Plan plan = state.plan();
        List<Reports.Member> reports = new ArrayList<>();
        int active = 0;
        for (MemberState member : plan.members()) {
            Reports.Status status = memberStatus(member, health);
            if (!status.availability().equals("offline")) {
                active++;
            }
            LtmView.Member config = member.configured().member();
            reports.add(new Reports.Member(fullPath, member.memberPath(), config.address(), config.port(), status,
                    member.serverSide().read(), member.http().snapshot()));
        }
        return Optional.of(new Reports.Pool(fullPath, poolStatus(plan, health), active, plan.members().size(),
                plan.pool().minActiveMembers(), state.serverSide().read(), state.http().snapshot(), reports));
    }

    private Reports.Status poolStatus(PoolState.Plan plan, HealthView health) {
        boolean anyUnknown = false;
        for (MemberState member : plan.members()) {
            String availability = memberStatus(member, health).availability();
            if (availability.equals("available")) {
                return new Reports.Status("available", "enabled", "The pool is available");
            }
            anyUnknown |= availability.equals("unknown");
        }
        if (anyUnknown || plan.members().isEmpty()) {
            return new Reports.Status("unknown", "enabled", Words.CHILDREN_UNCHECKED);
        }
        return new Reports.Status("offline", "enabled", "The children pool member(s) are down");
    }

    private static Reports.Status memberStatus(MemberState member, HealthView health) {
        MemberState.Configured now = member.configured();
        LtmView.Member config = now.member();
        LtmView.Node node = now.node().config();
        String state = config.sessionEnabled() && node.sessionEnabled() ? "enabled" : "disabled";
        if (config.forcedDown() || node.forcedDown()) {
            return new Reports.Status("offline", state, "Forced down");
        }
        Availability availability = health.member(member.poolPath(), member.memberPath());
        return switch (availability) {
            case AVAILABLE -> new Reports.Status("available", state, "Pool member is available");
            case OFFLINE -> new Reports.Status("offline", state, "Pool member has been marked down by a monitor");
            default -> new Reports.Status("unknown", state, "Pool member does not have service checking enabled");
        };
    }

    Optional<Reports.Node> nodeReport(String fullPath, HealthView health) {
        NodeState state = nodes.get(fullPath);
        if (state == null) {
            return Optional.empty();
        }
        LtmView.Node node = state.config();
        String enabled = node.sessionEnabled() ? "enabled" : "disabled";
        Reports.Status status;
        if (node.forcedDown()) {
            status = new Reports.Status("offline", enabled, "Forced down");
        } else {
            status = switch (health.node(fullPath)) {
                case AVAILABLE -> new Reports.Status("available", enabled, "Node address is available");
                case OFFLINE -> new Reports.Status("offline", enabled, "Node address has been marked down by a monitor");
                default -> new Reports.Status("unknown", enabled, "Node address does not have service checking enabled");
            };
        }
        return Optional.of(new Reports.Node(fullPath, node.address(), status, state.serverSide().read(),
                state.http().snapshot()));
    }

    /** BIG-IP's reason words shared by several objects. */
    private static final class Words {
        static final String CHILDREN_UNCHECKED = "The children pool member(s) either don't have service checking"
                + " enabled, or service check results are not available yet";
    }
}
