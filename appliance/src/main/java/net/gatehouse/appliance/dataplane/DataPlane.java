package net.gatehouse.appliance.dataplane;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Commit;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.crypto.CryptoService;
import net.gatehouse.appliance.health.InbandReports;
import net.gatehouse.appliance.dataplane.tls.TlsEngine;
import net.gatehouse.appliance.dataplane.tls.TlsProfiles;
import net.gatehouse.appliance.lb.Ticker;
import net.gatehouse.appliance.persist.PersistTable;
import net.gatehouse.appliance.persist.VirtualPersistence;
import net.gatehouse.appliance.persist.irule.VirtualRules;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.view.LtmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: listens on every virtual server's destination and carries its TCP traffic to
 * pool members. It follows the configuration commit by commit: the runtime registry takes each
 * new view (counts, cursors and counters stay), and only virtuals whose destination changed are
 * rebound. Connections already open keep the objects they use and are never cut by a commit.
 */
public final class DataPlane implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataPlane.class);

    private final MultiThreadIoEventLoopGroup loops;
    private final DataPlaneContext context;
    private final RuntimeRegistry registry;
    private final Listeners listeners;
    private final PersistTable persistTable;
    private final int threads;
    private final Secrets secrets;
    private boolean closed;

    private DataPlane(Transport transport, HealthView health, Ticker ticker, Clock clock, int threads, TlsProfiles tls,
            InbandReports inband, Secrets secrets) {
        this.threads = threads;
        this.secrets = secrets;
        this.loops = transport.newGroup(threads);
        this.registry = new RuntimeRegistry(HostCapabilities.transparentBinding(transport));
        this.persistTable = new PersistTable(ticker, PersistTable.DEFAULT_CAPACITY, registry::addSessions);
        this.context = new DataPlaneContext(transport, health, ticker, clock, persistTable, tls, inband, threads);
        this.listeners = new Listeners(loops, context);
        loops.next().scheduleAtFixedRate(this::applyServiceDownActions, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Once a second: persistence records past their timeout go, slow ramps learn which members
     * came back, and connections whose member or
     * node a monitor has marked down get their pool's {@code service-down-action} ({@code none}
     * leaves them alone).
     */
    private void applyServiceDownActions() {
        HealthView health = context.health();
        registry.observeAvailability(health, context.ticker().nanos());
        persistTable.expire();
        closeIdleToUnavailableMembers(health);
        context.connections().forEach(flow -> {
            String action = flow.pool().plan().pool().serviceDownAction();
            MemberState member = flow.taken().member();
            if (!action.equals("none")
                    && (health.member(member.poolPath(), member.memberPath()) == Availability.OFFLINE
                    || health.node(flow.taken().configured().node().fullPath()) == Availability.OFFLINE)) {
                // An http virtual's connection has no L4 handler to reconnect with: its reselect resets.
                ClientSideHandler handler = flow.client().pipeline().get(ClientSideHandler.class);
                flow.serviceDown(action, handler != null ? handler::reselectAfterServiceDown : () -> flow.end(true));
            }
        });
    }

    /** oneconnect: a member gone down or forced offline keeps no idle server-side connections. */
    private void closeIdleToUnavailableMembers(HealthView health) {
        context.serverConnections().closeIdle(member -> !PoolState.keepsPersistedClients(member, health));
    }

    /**
     * Starts the data plane on the running configuration and follows every later commit.
     *
     * @param threads event loops (BIG-IP's TMM instances); the cores of the host by default
     */
    public static DataPlane start(CommandService commands, HealthView health, int threads, CryptoService crypto) {
        return start(commands, health, Ticker.system(), Clock.systemUTC(), threads, crypto, InbandReports.ignored());
    }

    /**
     * Starts the data plane with the clock load balancing runs on (slow ramp, observed and
     * predictive windows, response times), the wall clock persistence cookies' {@code expires} dates
     * are written from, and the key slots its TLS contexts take keys from.
     */
    public static DataPlane start(CommandService commands, HealthView health, Ticker ticker, Clock clock, int threads,
            CryptoService crypto, InbandReports inband) {
        Optional<String> requested = Optional.ofNullable(System.getProperty(Transport.PROPERTY));
        Transport transport = Transport.choose(requested);
        TlsEngine engine = TlsEngine.configured(Optional.ofNullable(System.getProperty(TlsEngine.PROPERTY)));
        LOG.info("Data plane TLS: {}", engine.describe());
        DataPlane dataPlane = new DataPlane(transport, health, ticker, clock, threads, new TlsProfiles(engine, crypto),
                inband, commands.secrets());
        LOG.info("Data plane: {} event loops on {}", threads, transport.label());
        requested.filter(name -> !name.equalsIgnoreCase(transport.label()) && !name.equalsIgnoreCase("auto"))
                .ifPresent(name -> LOG.warn("Data plane transport {} was asked for ({}={}) but is not used: {}", name,
                        Transport.PROPERTY, name, Transport.unavailabilityOf(name)));
        for (Transport preferred : Transport.values()) {
            if (preferred == transport) {
                break;
            }
            if (!preferred.available()) {
                LOG.info("Data plane transport {} is unavailable here: {}", preferred.label(), preferred.unavailability());
            }
        }
        synchronized (commands) {
            dataPlane.apply(commands.snapshot());
            commands.subscribe(dataPlane::apply);
        }
        return dataPlane;
    }

    private void apply(Commit commit) {
        apply(commit.snapshot());
    }

    private synchronized void apply(Snapshot snapshot) {
        if (closed) {
            return;
        }
        LtmView view = LtmView.of(snapshot);
        context.httpSystem(view.httpSystem());
        registry.apply(view, context.ticker().nanos());
        context.persistence(VirtualPersistence.compile(snapshot, secrets));
        context.pools(registry.pools());
        context.rules(rules(view, snapshot));
        context.tls().apply(snapshot, view);
        listeners.apply(view, registry);
        closeIdleToUnavailableMembers(context.health());
    }

    /** The iRules of every virtual that has some, compiled into the subset the data plane runs. */
    private static Map<String, VirtualRules> rules(LtmView view, Snapshot snapshot) {
        Map<String, VirtualRules> all = new HashMap<>();
        for (LtmView.Virtual virtual : view.virtuals().values()) {
            if (!virtual.rules().isEmpty()) {
                all.put(virtual.fullPath(), VirtualRules.compile(virtual.rules(), virtual.http().isPresent(),
                        path -> snapshot.find(Family.RULE, path).flatMap(rule -> rule.body().text("api-anonymous")),
                        view.pools()::containsKey));
            }
        }
        return all;
    }

    /** The TLS implementation of client-ssl and server-ssl contexts. */
    public TlsEngine tlsEngine() {
        return context.tls().engine();
    }

    /** The transport the data plane runs on: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() {
        return context.transport().label();
    }

    public int threads() {
        return threads;
    }

    public Optional<Reports.Virtual> virtual(String fullPath) {
        return registry.virtualReport(fullPath, context.health());
    }

    public Optional<Reports.Pool> pool(String fullPath) {
        return registry.poolReport(fullPath, context.health());
    }

    public Optional<Reports.Node> node(String fullPath) {
        return registry.nodeReport(fullPath, context.health());
    }

    /** An http profile's statistics (zero for one no virtual uses). */
    public Reports.HttpProfile httpProfile(String fullPath) {
        return registry.httpProfileReport(fullPath);
    }

    /**
     * {@code reset-stats}: the statistics of a virtual, pool (with its members), node, http or one-connect
     * profile start again from zero; returns false when the data plane does not know the object (a
     * one-connect profile is always known: one no virtual has used has nothing to reset).
     */
    public boolean resetStatistics(String component, String fullPath) {
        return switch (component) {
            case "ltm virtual" -> registry.resetVirtual(fullPath);
            case "ltm pool" -> registry.resetPool(fullPath);
            case "ltm node" -> registry.resetNode(fullPath);
            case "ltm profile http" -> registry.resetHttpProfile(fullPath);
            case "ltm profile one-connect" -> {
                context.serverConnections().resetStats(fullPath);
                yield true;
            }
            default -> throw new IllegalArgumentException("no statistics to reset for " + component);
        };
    }

    /**
     * The persistence records: {@code show} and {@code delete ltm persistence persist-records},
     * and their export to (and import from) another appliance.
     */
    public PersistTable persistence() {
        return persistTable;
    }

    /** A one-connect profile's statistics (zeros when no virtual has used it yet). */
    public OneConnectStats oneConnect(String profilePath) {
        return context.serverConnections().stats(profilePath);
    }

    /** The live connections, oldest first. */
    public List<ConnectionInfo> connections() {
        return context.connections().list();
    }

    /** Resets every live connection that matches; returns how many. */
    public int deleteConnections(Predicate<ConnectionInfo> which) {
        return context.connections().end(which);
    }

    /** How many client connections wait in a pool's queue ({@code queue-on-connection-limit}); 0 for an unknown pool. */
    int queued(String poolPath) {
        PoolState pool = context.pool(poolPath);
        return pool == null ? 0 : pool.queue().size();
    }

    /** New connections refused so far, by reason. */
    public Map<ResetCause, Long> resetCauses() {
        return context.resetCauses();
    }

    /** Stops listening, resets what is still open and stops the event loops. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.closeAll();
        context.connections().endAll();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        LOG.info("Data plane stopped");
    }
}
