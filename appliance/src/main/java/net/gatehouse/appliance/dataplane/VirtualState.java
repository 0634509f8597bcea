package net.gatehouse.appliance.dataplane;

import net.gatehouse.appliance.dataplane.stats.HttpProfileCounters;
import net.gatehouse.appliance.dataplane.stats.TrafficCounters;
import net.gatehouse.appliance.view.LtmView;

/**
 * The runtime of one virtual server: the plan of the moment (its configuration, its pool's
 * runtime, its source address translation), whether it could listen, and its client-side
 * counters, which survive commits.
 */
final class VirtualState {

    private final String fullPath;
    private final TrafficCounters clientSide = new TrafficCounters();
    private final HttpCounters http = new HttpCounters();
    /** The counters of its http profile (shared with every virtual using it), or null without one. */
    private volatile HttpProfileCounters httpProfile;
    private volatile Plan plan;
    private volatile String listenFailure;

    /**
     * What a commit set.
     *
     * @param pool            the pool's runtime, or null without a pool
     * @param translationNote why the configured translation is not carried out as written, or empty
     */
    record Plan(LtmView.Virtual virtual, PoolState pool, SourceAddress source, String translationNote) {
    }

    VirtualState(String fullPath) {
        this.fullPath = fullPath;
    }

    String fullPath() {
        return fullPath;
    }

    Plan plan() {
        return plan;
    }

    void configure(Plan next) {
        plan = next;
    }

    /** Requests and responses on the L7 path. */
    HttpCounters http() {
        return http;
    }

    /** The counters of the virtual's http profile; null for a virtual without one. */
    HttpProfileCounters httpProfile() {
        return httpProfile;
    }

    void httpProfile(HttpProfileCounters counters) {
        httpProfile = counters;
    }

    TrafficCounters clientSide() {
        return clientSide;
    }

    /** Why the virtual cannot listen on its destination, or null when it listens. */
    String listenFailure() {
        return listenFailure;
    }

    void listening() {
        listenFailure = null;
    }

    void cannotListen(String reason) {
        listenFailure = reason;
    }
}
