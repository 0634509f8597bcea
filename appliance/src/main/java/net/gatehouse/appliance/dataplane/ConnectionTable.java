package net.gatehouse.appliance.dataplane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Every live connection of the appliance, for {@code show sys connection} and {@code delete sys connection}. */
final class ConnectionTable {

    private final Map<Long, Flow> flows = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(Flow flow) {
        flows.put(flow.id(), flow);
    }

    void remove(Flow flow) {
        flows.remove(flow.id());
    }

    List<ConnectionInfo> list() {
        List<ConnectionInfo> all = new ArrayList<>();
        for (Flow flow : flows.values()) {
            if (flow.client().remoteAddress() != null && flow.client().localAddress() != null) {
                all.add(flow.info());
            }
        }
        all.sort(Comparator.comparingLong(ConnectionInfo::id));
        return all;
    }

    /** Ends (resets) every connection that matches; returns how many. */
    int end(Predicate<ConnectionInfo> which) {
        int ended = 0;
        for (Flow flow : List.copyOf(flows.values())) {
            if (flow.client().remoteAddress() != null && which.test(flow.info())) {
                flow.end(true);
                ended++;
            }
        }
        return ended;
    }

    /** Every live connection, for sweeps. */
    void forEach(Consumer<Flow> action) {
        flows.values().forEach(action);
    }

    /** Resets every connection (the appliance is stopping). */
    void endAll() {
        flows.values().forEach(flow -> flow.end(true));
    }
}
