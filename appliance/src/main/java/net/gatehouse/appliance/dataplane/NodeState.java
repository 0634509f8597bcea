package net.gatehouse.appliance.dataplane;

import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.view.LtmView;

/** The runtime of one node (backend host): its configuration of the moment and its server-side counters. */
final class NodeState {

    private final String fullPath;
    private final TrafficCounters serverSide = new TrafficCounters();
    private volatile LtmView.Node config;

    NodeState(LtmView.Node config) {
        this.fullPath = config.fullPath();
        this.config = config;
    }

    String fullPath() {
        return fullPath;
    }

    LtmView.Node config() {
        return config;
    }

    void configure(LtmView.Node next) {
        config = next;
    }

    TrafficCounters serverSide() {
        return serverSide;
    }
}
