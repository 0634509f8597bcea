package net.gatehouse.appliance.health;

import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Effective;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthStatus;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.components.LtmDefaultNodeMonitor;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the health monitors of the running configuration: one {@link MonitorInstance} per (pool
 * member or node, monitor), probing asynchronously on event loops. Each commit is reconciled: an
 * unchanged pair keeps its state and schedule; changed and new pairs start checking; removed pairs
 * stop. Serves the {@link HealthView} the data plane and renderers read, takes the data plane's
 * inband reports, logs every transition in BIG-IP's words and counts it.
 */
public final class MonitorEngine implements HealthView, InbandReports, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorEngine.class);

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final ExecutorService blocking;
    private final LongSupplier ticker;
    private final Clock clock;
    private final Secrets secrets;
    private final Map<String, Probe> probes;
    private final Map<String, Evaluated> lastMembers = new ConcurrentHashMap<>();
    private final Map<String, Evaluated> lastNodes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> lastPoolsAvailable = new ConcurrentHashMap<>();
    /** Available members per pool, as last published; changed only under the engine's lock. */
    private final Map<String, Integer> availableMembers = new HashMap<>();
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();
    private final List<Consumer<MemberTransition>> listeners = new CopyOnWriteArrayList<>();
    private volatile Compiled compiled = Compiled.EMPTY;
    private volatile boolean closed;

    /** Transitions of one member or node, counted since the engine started. */
    public record TransitionCounts(long down, long up) {
    }

    private static final class Counts {
        final LongAdder down = new LongAdder();
        final LongAdder up = new LongAdder();
    }

    /** A status with the time it was evaluated, to say how long the previous status lasted. */
    private record Evaluated(HealthStatus status, long since) {
    }

    private MonitorEngine(EventLoopGroup group, boolean ownsGroup, LongSupplier ticker, Clock clock, Secrets secrets) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.ticker = ticker;
        this.clock = clock;
        this.secrets = secrets;
        AtomicInteger threads = new AtomicInteger();
        this.blocking = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "external-monitor-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        ProbeTransport transport = ProbeTransport.best();
        TlsSettings tls = new TlsSettings();
        Probe icmp = new IcmpProbe();
        this.probes = Map.of(
                "tcp", StreamProbe.tcp(transport),
                "http", StreamProbe.tcp(transport),
                "tcp-half-open", StreamProbe.halfOpen(transport),
                "https", StreamProbe.https(transport, tls),
                "udp", new DatagramProbe(transport),
                "icmp", icmp,
                "gateway-icmp", icmp,
                "external", new ExternalProbe(blocking));
    }

    /**
     * Starts an engine on its own event loops ({@code threads} of them), monitoring {@code initial};
     * monitors' passwords are read in clear from {@code secrets}.
     */
    public static MonitorEngine start(Snapshot initial, int threads, Clock clock, Secrets secrets) {
        MonitorEngine engine = new MonitorEngine(ProbeTransport.best().newGroup(threads), true, System::nanoTime,
                clock, secrets);
        engine.apply(initial);
        return engine;
    }

    /** Starts an engine on the caller's event loops, which the caller closes. */
    public static MonitorEngine start(Snapshot initial, EventLoopGroup group, Clock clock, Secrets secrets) {
        MonitorEngine engine = new MonitorEngine(group, false, System::nanoTime, clock, secrets);
        engine.apply(initial);
        return engine;
    }

    /** Follows every commit of {@code commands} from now on. */
    public MonitorEngine following(CommandService commands) {
        commands.subscribe(commit -> apply(commit.snapshot()));
        return this;
    }

    /** Called with every member transition, on the thread that found it. */
    public void onTransition(Consumer<MemberTransition> listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- reconciliation

    /**
     * What one configuration monitors. {@code members} is keyed by pool and member path together;
     * {@code membersByPool} holds the same by pool path, then member path, so that a lookup on the
     * traffic path builds no key.
     */
    private record Compiled(Map<String, Monitored> members, Map<String, Map<String, Monitored>> membersByPool,
            Map<String, Monitored> nodes,
            Map<String, List<Monitored>> membersOfNode, Map<String, List<Monitored>> membersOfPool,
            Map<String, String> nodeAddresses, Map<String, MonitorInstance> instances) {
        static final Compiled EMPTY = new Compiled(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of());

        /** The member of a pool, or null. */
        Monitored member(String poolPath, String memberPath) {
            Map<String, Monitored> pool = membersByPool.get(poolPath);
            return pool == null ? null : pool.get(memberPath);
        }
    }

    private static String memberKey(String poolPath, String memberPath) {
        return poolPath + " " + memberPath;
    }

    /** Reconciles the running monitors with a new configuration. */
    public synchronized void apply(Snapshot snapshot) {
        if (closed) {
            return;
        }
        LtmView view = LtmView.of(snapshot);
        Effective effective = new Effective(snapshot);
        Map<String, MonitorSpec> specs = new HashMap<>();
        for (ComponentType type : snapshot.schema().types()) {
            if (type.family().equals(Family.MONITOR) && !type.path().equals("ltm monitor none")) {
                for (ConfigObject monitor : snapshot.all(type)) {
                    specs.put(monitor.fullPath(), MonitorSpec.compile(monitor, effective, secrets));
                }
            }
        }
        String defaultNodeRule = snapshot.schema().type("ltm default-node-monitor")
                .flatMap(t -> snapshot.get(t, LtmDefaultNodeMonitor.NAME))
                .flatMap(o -> effective.body(o).text("rule")).orElse("none");
        Compiled before = compiled;
        Map<String, MonitorInstance> instances = new HashMap<>();
        List<MonitorInstance> started = new ArrayList<>();
        Map<String, Monitored> nodes = new HashMap<>();
        Map<String, String> nodeAddresses = new HashMap<>();
        for (LtmView.Node node : view.nodes().values()) {
            nodeAddresses.put(node.fullPath(), node.address());
            String ruleText = node.monitor().equals("default") ? defaultNodeRule : node.monitor();
            MonitorRule rule = MonitorRule.parse(ruleText);
            List<MonitorInstance> list = instancesFor("node " + node.fullPath(), rule, specs, node.address(), -1,
                    before, instances, started);
            nodes.put(node.fullPath(), new Monitored("", node.fullPath(), node.fullPath(), rule, list,
                    node.sessionEnabled(), node.forcedDown(), "none"));
        }
        Map<String, Monitored> members = new HashMap<>();
        Map<String, Map<String, Monitored>> membersByPool = new HashMap<>();
        Map<String, List<Monitored>> membersOfNode = new HashMap<>();
        Map<String, List<Monitored>> membersOfPool = new HashMap<>();
        for (LtmView.Pool pool : view.pools().values()) {
            for (LtmView.Member member : pool.members()) {
                String ruleText = member.monitor().equals("default") ? pool.monitor() : member.monitor();
                MonitorRule rule = MonitorRule.parse(ruleText);
                String key = memberKey(pool.fullPath(), member.fullPath());
                List<MonitorInstance> list = instancesFor("member " + key, rule, specs, member.address(),
                        member.port(), before, instances, started);
                Monitored target = new Monitored(pool.fullPath(), member.fullPath(), member.nodePath(), rule, list,
                        member.sessionEnabled(), member.forcedDown(), pool.serviceDownAction());
                members.put(key, target);
                membersByPool.computeIfAbsent(pool.fullPath(), k -> new HashMap<>()).put(member.fullPath(), target);
                membersOfNode.computeIfAbsent(member.nodePath(), k -> new ArrayList<>()).add(target);
                membersOfPool.computeIfAbsent(pool.fullPath(), k -> new ArrayList<>()).add(target);
            }
        }
        Map<String, Map<String, Monitored>> frozen = new HashMap<>();
        membersByPool.forEach((pool, byMember) -> frozen.put(pool, Map.copyOf(byMember)));
        compiled = new Compiled(Map.copyOf(members), Map.copyOf(frozen), Map.copyOf(nodes), Map.copyOf(membersOfNode),
                Map.copyOf(membersOfPool), Map.copyOf(nodeAddresses), Map.copyOf(instances));
        for (Map.Entry<String, MonitorInstance> old : before.instances().entrySet()) {
            if (instances.get(old.getKey()) != old.getValue()) {
                old.getValue().close();
            }
        }
        resumeReEnabled(before, compiled);
        started.forEach(MonitorInstance::start);
        reevaluateAll();
        LOG.debug("Monitoring generation {}: {} monitor instances ({} started)", snapshot.generation(),
                instances.size(), started.size());
    }

    private List<MonitorInstance> instancesFor(String owner, MonitorRule rule, Map<String, MonitorSpec> specs,
            String address, int port, Compiled before, Map<String, MonitorInstance> instances,
            List<MonitorInstance> started) {
        List<MonitorInstance> list = new ArrayList<>();
        for (String monitorPath : rule.monitors()) {
            MonitorSpec spec = specs.get(monitorPath);
            if (spec == null) {
                throw new IllegalStateException(owner + " names monitor " + monitorPath + ", which does not exist");
            }
            InetSocketAddress target = target(spec, address, port);
            String key = owner + " " + monitorPath;
            MonitorInstance existing = before.instances().get(key);
            MonitorInstance instance;
            if (existing != null && existing.spec().equals(spec) && existing.target().equals(target)) {
                instance = existing;
            } else {
                instance = new MonitorInstance(owner, spec, target, group.next(), ticker, clock,
                        probes.getOrDefault(spec.type(), probes.get("tcp")), this::instanceChanged);
                started.add(instance);
            }
            instances.put(key, instance);
            list.add(instance);
        }
        return list;
    }

    /** The address a monitor checks: its destination alias, else the member's own address and port. */
    private static InetSocketAddress target(MonitorSpec spec, String address, int port) {
        String destination = spec.destination();
        int colon = destination.lastIndexOf(':');
        String aliasAddress = colon < 0 ? destination : destination.substring(0, colon);
        String aliasPort = colon < 0 ? "*" : destination.substring(colon + 1);
        String host = aliasAddress.equals("*") ? address : aliasAddress;
        int percent = host.indexOf('%');
        if (percent >= 0) {
            host = host.substring(0, percent);
        }
        int targetPort = aliasPort.equals("*") ? Math.max(port, 0) : Integer.parseInt(aliasPort);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), targetPort);
        } catch (UnknownHostException e) {
            return InetSocketAddress.createUnresolved(host, targetPort);
        }
    }

    /** A member or node an administrator re-enabled (or brought back up from forced down) is resumed. */
    private static void resumeReEnabled(Compiled before, Compiled now) {
        for (Map.Entry<String, Monitored> entry : now.members().entrySet()) {
            resumeIfReEnabled(before.members().get(entry.getKey()), entry.getValue());
        }
        for (Map.Entry<String, Monitored> entry : now.nodes().entrySet()) {
            resumeIfReEnabled(before.nodes().get(entry.getKey()), entry.getValue());
        }
    }

    private static void resumeIfReEnabled(Monitored before, Monitored now) {
        if (before != null && (!before.enabled() || before.forcedDown()) && now.enabled() && !now.forcedDown()) {
            now.instances().forEach(MonitorInstance::resume);
        }
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    public Availability member(String poolPath, String memberPath) {
        return memberStatus(poolPath, memberPath).availability();
    }

    @Override
    public Availability node(String nodePath) {
        return nodeStatus(nodePath).availability();
    }

    @Override
    public HealthStatus memberStatus(String poolPath, String memberPath) {
        Compiled current = compiled;
        Monitored target = current.member(poolPath, memberPath);
        if (target == null) {
            return Reasons.MEMBER.unmonitored(true);
        }
        HealthStatus own = evaluate(target, Reasons.MEMBER);
        Monitored node = current.nodes().get(target.nodePath());
        if (node != null && own.availability() != Availability.OFFLINE) {
            HealthStatus parent = evaluate(node, Reasons.NODE);
            if (parent.availability() == Availability.OFFLINE) {
                return new HealthStatus(Availability.OFFLINE, own.enabled() && parent.enabled(), parent.reason());
            }
            if (!parent.enabled() && own.enabled()) {
                return new HealthStatus(own.availability(), false, Reasons.MEMBER.userDisabled());
            }
        }
        return own;
    }

    @Override
    public HealthStatus nodeStatus(String nodePath) {
        Monitored node = compiled.nodes().get(nodePath);
        return node == null ? Reasons.NODE.unmonitored(true)
                : evaluate(node, Reasons.NODE);
    }

    /** A pool is available when a member is, offline when all are, unknown otherwise. */
    public HealthStatus poolStatus(String poolPath) {
        List<Monitored> members = compiled.membersOfPool().getOrDefault(poolPath, List.of());
        boolean anyUnknown = false;
        boolean anyAvailable = false;
        for (Monitored member : members) {
            Availability availability = memberStatus(poolPath, member.path()).availability();
            anyAvailable |= availability == Availability.AVAILABLE;
            anyUnknown |= availability == Availability.UNKNOWN || availability == Availability.CHECKING;
        }
        if (anyAvailable) {
            return new HealthStatus(Availability.AVAILABLE, true, Reasons.POOL_AVAILABLE);
        }
        if (anyUnknown || members.isEmpty()) {
            return new HealthStatus(Availability.UNKNOWN, true, Reasons.POOL_UNKNOWN);
        }
        return new HealthStatus(Availability.OFFLINE, true, Reasons.POOL_OFFLINE);
    }

    /** A virtual server follows its default pool. */
    public HealthStatus virtualStatus(LtmView.Virtual virtual) {
        if (virtual.pool().isEmpty()) {
            return new HealthStatus(Availability.UNKNOWN, virtual.enabled(), Reasons.VIRTUAL_NO_POOL);
        }
        HealthStatus pool = poolStatus(virtual.pool().get());
        String reason = pool.availability() == Availability.AVAILABLE ? Reasons.VIRTUAL_AVAILABLE : pool.reason();
        return new HealthStatus(pool.availability(), virtual.enabled(), reason);
    }

    private HealthStatus evaluate(Monitored target, Reasons.Of words) {
        boolean enabled = target.enabled() && !target.forcedDown();
        if (target.rule().isNone()) {
            return words.unmonitored(enabled);
        }
        List<MonitorStatus> statuses = new ArrayList<>(target.instances().size());
        boolean draining = false;
        for (MonitorInstance instance : target.instances()) {
            MonitorStatus status = instance.status();
            statuses.add(status);
            draining |= status.state() == MonitorStatus.State.UP && status.draining();
        }
        MonitorStatus.State verdict = target.rule().verdict(statuses);
        return switch (verdict) {
            case UP -> new HealthStatus(Availability.AVAILABLE, enabled && !draining,
                    target.forcedDown() ? Reasons.FORCED_DOWN : !enabled ? words.userDisabled()
                            : draining ? words.monitorDisabled() : words.available());
            case DOWN, HELD -> new HealthStatus(Availability.OFFLINE, enabled, monitorReasons(target, true));
            case UNKNOWN -> new HealthStatus(Availability.UNKNOWN, enabled, monitorReasons(target, false));
            case CHECKING -> new HealthStatus(Availability.CHECKING, enabled, words.checking());
        };
    }

    /** BIG-IP's reason, per monitor: {@code /Common/http: Unable to connect @2026/11/29 08:00:00. }. */
    private static String monitorReasons(Monitored target, boolean down) {
        StringBuilder reason = new StringBuilder();
        for (MonitorInstance instance : target.instances()) {
            MonitorStatus status = instance.status();
            boolean shown = down ? status.isDown() : status.state() == MonitorStatus.State.UNKNOWN;
            if (shown) {
                reason.append(instance.spec().fullPath()).append(": ").append(status.lastError());
                if (status.state() == MonitorStatus.State.HELD) {
                    reason.append(" ").append(Reasons.MANUAL_RESUME);
                }
                reason.append(" @").append(instance.changedAt()).append(". ");
            }
        }
        return reason.toString();
    }

    // ---------------------------------------------------------------- transitions

    /** Re-evaluates what the instance's owner affects: a member and its pool, or a node, its members, their pools. */
    private synchronized void instanceChanged(MonitorInstance instance, MonitorStatus from, MonitorStatus to) {
        if (closed) {
            return;
        }
        Compiled current = compiled;
        long now = ticker.getAsLong();
        String owner = instance.owner();
        Set<String> pools = new HashSet<>();
        if (owner.startsWith("node ")) {
            Monitored node = current.nodes().get(owner.substring("node ".length()));
            if (node == null) {
                return;
            }
            reevaluateNode(current, node, now);
            for (Monitored member : current.membersOfNode().getOrDefault(node.path(), List.of())) {
                reevaluateMember(member, now);
                pools.add(member.poolPath());
            }
        } else {
            Monitored member = current.members().get(owner.substring("member ".length()));
            if (member == null) {
                return;
            }
            reevaluateMember(member, now);
            pools.add(member.poolPath());
        }
        pools.forEach(this::reevaluatePool);
    }

    /** Compares every member, node and pool with what was last published; logs and counts changes. */
    private synchronized void reevaluateAll() {
        Compiled current = compiled;
        long now = ticker.getAsLong();
        current.nodes().values().forEach(node -> reevaluateNode(current, node, now));
        current.members().values().forEach(member -> reevaluateMember(member, now));
        lastMembers.keySet().retainAll(current.members().keySet());
        lastNodes.keySet().retainAll(current.nodes().keySet());
        availableMembers.clear();
        for (Monitored member : current.members().values()) {
            Evaluated last = lastMembers.get(memberKey(member.poolPath(), member.path()));
            if (last != null && last.status().availability() == Availability.AVAILABLE) {
                availableMembers.merge(member.poolPath(), 1, Integer::sum);
            }
        }
        current.membersOfPool().keySet().forEach(this::reevaluatePool);
        lastPoolsAvailable.keySet().retainAll(current.membersOfPool().keySet());
    }

    private void reevaluateNode(Compiled current, Monitored node, long now) {
        HealthStatus status = nodeStatus(node.path());
        Evaluated last = lastNodes.get(node.path());
        if (last != null && last.status().equals(status)) {
            return;
        }
        lastNodes.put(node.path(), new Evaluated(status, now));
        if (last != null && last.status().availability() != status.availability()) {
            Transitions.logNode(node.path(), current.nodeAddresses().get(node.path()), node, last.status(), status,
                    now - last.since());
            count(node.path(), status);
        }
    }

    private void reevaluateMember(Monitored member, long now) {
        String key = memberKey(member.poolPath(), member.path());
        HealthStatus status = memberStatus(member.poolPath(), member.path());
        Evaluated last = lastMembers.get(key);
        if (last != null && last.status().equals(status)) {
            return;
        }
        lastMembers.put(key, new Evaluated(status, now));
        boolean wasAvailable = last != null && last.status().availability() == Availability.AVAILABLE;
        boolean available = status.availability() == Availability.AVAILABLE;
        if (wasAvailable != available) {
            availableMembers.merge(member.poolPath(), available ? 1 : -1, Integer::sum);
        }
        if (last == null || (last.status().availability() == status.availability()
                && last.status().enabled() == status.enabled())) {
            return;
        }
        Transitions.logMember(member, last.status(), status, now - last.since());
        count(key, status);
        MemberTransition transition = new MemberTransition(member.poolPath(), member.path(), last.status(), status,
                member.serviceDownAction());
        for (Consumer<MemberTransition> listener : listeners) {
            try {
                listener.accept(transition);
            } catch (RuntimeException e) {
                LOG.error("A transition listener failed on {}", transition, e);
            }
        }
    }

    /** Logs when a pool gains its first available member or loses its last one (counted, not recomputed). */
    private void reevaluatePool(String pool) {
        boolean available = availableMembers.getOrDefault(pool, 0) > 0;
        Boolean was = lastPoolsAvailable.put(pool, available);
        if (was != null && was != available) {
            Transitions.logPool(pool, available);
        }
    }

    private void count(String key, HealthStatus status) {
        Counts c = counts.computeIfAbsent(key, k -> new Counts());
        if (status.availability() == Availability.OFFLINE) {
            c.down.increment();
        } else if (status.availability() == Availability.AVAILABLE) {
            c.up.increment();
        }
    }

    /** How often a member went down and came up since the engine started. */
    public TransitionCounts memberTransitions(String poolPath, String memberPath) {
        Counts c = counts.get(memberKey(poolPath, memberPath));
        return c == null ? new TransitionCounts(0, 0) : new TransitionCounts(c.down.sum(), c.up.sum());
    }

    /** How often a node went down and came up since the engine started. */
    public TransitionCounts nodeTransitions(String nodePath) {
        Counts c = counts.get(nodePath);
        return c == null ? new TransitionCounts(0, 0) : new TransitionCounts(c.down.sum(), c.up.sum());
    }

    /** The largest delay, now, between when a probe was due and when it started, over all monitor instances. */
    public Duration maxProbeLag() {
        long max = 0;
        for (MonitorInstance instance : compiled.instances().values()) {
            max = Math.max(max, instance.lagNanos());
        }
        return Duration.ofNanos(max);
    }

    // ---------------------------------------------------------------- inband reports

    @Override
    public void connectionFailed(String poolPath, String memberPath) {
        Monitored target = compiled.member(poolPath, memberPath);
        if (target != null) {
            target.instances().forEach(MonitorInstance::reportFailure);
        }
    }

    @Override
    public void responseReceived(String poolPath, String memberPath, Duration responseTime) {
        Monitored target = compiled.member(poolPath, memberPath);
        if (target != null) {
            long nanos = responseTime.toNanos();
            target.instances().forEach(i -> i.reportResponse(nanos));
        }
    }

    /** Stops every monitor; waits for its own event loops outside the engine's lock, which they may want. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            compiled.instances().values().forEach(MonitorInstance::close);
            compiled = Compiled.EMPTY;
        }
        blocking.shutdownNow();
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
