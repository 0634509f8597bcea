package net.gatehouse.appliance.dataplane;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import net.gatehouse.appliance.runtime.HealthView;

/** What every connection of one data plane shares: the transport, health, the connection table and the refusal counters. */
final class DataPlaneContext {

    /** How long a server-side connect may take before the client is reset. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Transport transport;
    private final HealthView health;
    private final ConnectionTable connections = new ConnectionTable();
    private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);

    DataPlaneContext(Transport transport, HealthView health) {
        this.transport = transport;
        this.health = health;
        for (Refusal refusal : Refusal.values()) {
            refusals.put(refusal, new LongAdder());
        }
    }

    Transport transport() {
        return transport;
    }

    HealthView health() {
        return health;
    }

    ConnectionTable connections() {
        return connections;
    }

    void count(Refusal refusal) {
        refusals.get(refusal).increment();
    }

    Map<Refusal, Long> refusals() {
        Map<Refusal, Long> counted = new EnumMap<>(Refusal.class);
        refusals.forEach((refusal, adder) -> counted.put(refusal, adder.sum()));
        return counted;
    }

    /** EMFILE/ENFILE, as the JDK and Netty's native transport word them. */
    static boolean isOutOfFileDescriptors(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("Too many open files")
                    || message.contains("Too many open files in system"))) {
                return true;
            }
        }
        return false;
    }
}
