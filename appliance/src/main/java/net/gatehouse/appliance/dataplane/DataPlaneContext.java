package net.gatehouse.appliance.dataplane;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import net.gatehouse.appliance.dataplane.tls.TlsProfiles;
import net.gatehouse.appliance.lb.Ticker;
import net.gatehouse.appliance.persist.PersistTable;
import net.gatehouse.appliance.persist.VirtualPersistence;
import net.gatehouse.appliance.persist.irule.VirtualRules;
import net.gatehouse.appliance.health.InbandReports;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.view.LtmView;

/**
 * What every connection of one data plane shares: the transport, health, the clock selection runs
 * on, persistence (the virtuals' methods and the record table), the connection table and the
 * cause counters.
 */
final class DataPlaneContext {

    /** How long a server-side connect may take before the client is reset. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Transport transport;
    private final HealthView health;
    private final Ticker ticker;
    /** The wall clock a persistence cookie's {@code expires} date is written from (the appliance's clock). */
    private final Clock wallClock;
    private final TlsProfiles tls;
    private final ConnectionTable connections = new ConnectionTable();
    private final Map<ResetCause, LongAdder> resetCauses = new EnumMap<>(ResetCause.class);
    private volatile LtmView.HttpSystem httpSystem = new LtmView.HttpSystem(false, 10, 300);
    private final PersistentSelection selection;
    private final InbandReports inband;
    private volatile Map<String, VirtualPersistence> persistence = Map.of();
    private volatile Map<String, VirtualRules> rules = Map.of();
    private volatile Map<String, PoolState> pools = Map.of();
    private final ServerConnectionPools serverConnections;

    DataPlaneContext(Transport transport, HealthView health, Ticker ticker, Clock wallClock, PersistTable persistTable,
            TlsProfiles tls, InbandReports inband, int loops) {
        this.wallClock = wallClock;
        this.inband = inband;
        this.serverConnections = new ServerConnectionPools(ticker, loops);
        this.selection = new PersistentSelection(persistTable);
        this.transport = transport;
        this.tls = tls;
        this.health = health;
        this.ticker = ticker;
        for (ResetCause cause : ResetCause.values()) {
            resetCauses.put(cause, new LongAdder());
        }
    }

    Transport transport() {
        return transport;
    }

    HealthView health() {
        return health;
    }

    Ticker ticker() {
        return ticker;
    }

    Clock wallClock() {
        return wallClock;
    }

    /** The appliance-wide HTTP settings of the last commit. */
    LtmView.HttpSystem httpSystem() {
        return httpSystem;
    }

    void httpSystem(LtmView.HttpSystem settings) {
        httpSystem = settings;
    }

    PersistentSelection selection() {
        return selection;
    }

    /** A virtual's persistence methods of the moment. */
    VirtualPersistence persistence(String virtualPath) {
        return persistence.getOrDefault(virtualPath, VirtualPersistence.NONE);
    }

    void persistence(Map<String, VirtualPersistence> next) {
        persistence = Map.copyOf(next);
    }

    /** A virtual's iRules of the moment ({@link VirtualRules#NONE} without any). */
    VirtualRules rules(String virtualPath) {
        return rules.getOrDefault(virtualPath, VirtualRules.NONE);
    }

    void rules(Map<String, VirtualRules> next) {
        rules = Map.copyOf(next);
    }

    /** The runtime of a pool an iRule's {@code pool} command names; null when it is not configured. */
    PoolState pool(String fullPath) {
        return pools.get(fullPath);
    }

    void pools(Map<String, PoolState> next) {
        pools = Map.copyOf(next);
    }

    /** Where real connections' failures and response times go (the inband monitor). */
    InbandReports inband() {
        return inband;
    }

    /** The TLS contexts of the running configuration. */
    TlsProfiles tls() {
        return tls;
    }

    /** oneconnect's idle server-side connections, one pool per event loop. */
    ServerConnectionPools serverConnections() {
        return serverConnections;
    }

    ConnectionTable connections() {
        return connections;
    }

    void count(ResetCause cause) {
        resetCauses.get(cause).increment();
    }

    Map<ResetCause, Long> resetCauses() {
        Map<ResetCause, Long> counted = new EnumMap<>(ResetCause.class);
        resetCauses.forEach((cause, adder) -> counted.put(cause, adder.sum()));
        return counted;
    }

    /** EMFILE and ENFILE ("Too many open files [in system]"), as the JDK and Netty's native transport word them. */
    static boolean isOutOfFileDescriptors(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("Too many open files")) {
                return true;
            }
        }
        return false;
    }
}
