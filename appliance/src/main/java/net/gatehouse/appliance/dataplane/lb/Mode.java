package net.gatehouse.appliance.dataplane.lb;

/**
 * The load-balancing modes the data plane carries out. A pool's {@code load-balancing-mode} that
 * is not one of these (fastest, observed, predictive, dynamic-ratio, ...) is balanced round-robin
 * until its own issue lands; {@link #of} says so.
 */
public enum Mode {
    ROUND_ROBIN,
    /** {@code ratio-member} and {@code ratio-session}: the member's ratio. */
    RATIO_MEMBER,
    /** {@code ratio-node}: the node's ratio. */
    RATIO_NODE,
    LEAST_CONNECTIONS_MEMBER,
    LEAST_CONNECTIONS_NODE;

    /** The mode for a pool's {@code load-balancing-mode} word; unmodelled modes are round-robin. */
    public static Mode of(String loadBalancingMode) {
        return switch (loadBalancingMode) {
            case "ratio-member", "ratio-session" -> RATIO_MEMBER;
            case "ratio-node" -> RATIO_NODE;
            case "least-connections-member" -> LEAST_CONNECTIONS_MEMBER;
            case "least-connections-node" -> LEAST_CONNECTIONS_NODE;
            default -> ROUND_ROBIN;
        };
    }

    /** Whether {@link #of} carries out this word as written (not round-robin in its place). */
    public static boolean isModelled(String loadBalancingMode) {
        return loadBalancingMode.equals("round-robin") || of(loadBalancingMode) != ROUND_ROBIN;
    }

    public boolean isLeastConnections() {
        return this == LEAST_CONNECTIONS_MEMBER || this == LEAST_CONNECTIONS_NODE;
    }
}
