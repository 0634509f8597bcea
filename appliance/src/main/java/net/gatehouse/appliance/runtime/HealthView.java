package net.gatehouse.appliance.runtime;

/**
 * What the health monitors currently say, read by the data plane (to pick members) and by the
 * renderers (member {@code state} in {@code list}, {@code status.availabilityState} in REST).
 * Keyed by full paths; survives commits.
 */
public interface HealthView {

    /** The availability of a pool member ({@code /Common/web}, {@code /Common/10.0.0.1:80}) from its monitors. */
    Availability member(String poolPath, String memberPath);

    /** The availability of a node from its monitors. */
    Availability node(String nodePath);

    /**
     * A member's availability, enabled state and reason. A member a {@code recv-disable} match has
     * disabled is available but takes no new connections. Without an engine the reason is empty.
     */
    default HealthStatus memberStatus(String poolPath, String memberPath) {
        return new HealthStatus(member(poolPath, memberPath), true, "");
    }

    /** A node's availability, enabled state and reason; without an engine the reason is empty. */
    default HealthStatus nodeStatus(String nodePath) {
        return new HealthStatus(node(nodePath), true, "");
    }

    /** No monitor engine: everything is unchecked. */
    static HealthView unchecked() {
        return new HealthView() {
            @Override
            public Availability member(String poolPath, String memberPath) {
                return Availability.UNKNOWN;
            }

            @Override
            public Availability node(String nodePath) {
                return Availability.UNKNOWN;
            }
        };
    }
}
