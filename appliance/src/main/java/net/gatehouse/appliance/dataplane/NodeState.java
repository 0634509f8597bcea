package net.gatehouse.appliance.dataplane;

import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.lb.ResponseTime;
import net.gatehouse.appliance.view.LtmView;

/**
 * The runtime of one node (backend host): its configuration of the moment, its server-side
 * and HTTP counters and response time, shared by every pool that uses the node.
 */
final class NodeState {

    private final String fullPath;
    private final TrafficCounters serverSide = new TrafficCounters();
    private final ResponseTime responseTime = new ResponseTime();
    private final HttpCounters http = new HttpCounters();
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

    /** Requests and responses on the L7 path, over every pool that uses the node. */
    HttpCounters http() {
        return http;
    }

    ResponseTime responseTime() {
        return responseTime;
    }
}
