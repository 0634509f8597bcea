package net.gatehouse.appliance.dataplane;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import net.gatehouse.appliance.dataplane.tls.TlsProfiles;
import net.gatehouse.appliance.lb.Ticker;
import net.gatehouse.appliance.runtime.HealthView;

/**
 * What every connection of one data plane shares: the transport, health, the clock selection runs
 * on, the connection table and the cause counters.
 */
final class DataPlaneContext {

    /** How long a server-side connect may take before the client is reset. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Transport transport;
    private final HealthView health;
    private final Ticker ticker;
    private final TlsProfiles tls;
    private final ConnectionTable connections = new ConnectionTable();
    private final Map<ResetCause, LongAdder> resetCauses = new EnumMap<>(ResetCause.class);

    DataPlaneContext(Transport transport, HealthView health, Ticker ticker, TlsProfiles tls) {
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

    /** The TLS contexts of the running configuration. */
    TlsProfiles tls() {
        return tls;
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
