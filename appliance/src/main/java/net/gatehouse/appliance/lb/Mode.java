package net.gatehouse.appliance.lb;

import java.util.Arrays;

/**
 * BIG-IP's load-balancing modes, each carried out as BIG-IP documents it (docs/load-balancing.md
 * gives every formula). {@link Kind} says how a mode chooses; {@link Weight} which per-commit
 * weight it uses.
 */
public enum Mode {
    ROUND_ROBIN("round-robin", Kind.SCHEDULE, Weight.NONE),
    RATIO_MEMBER("ratio-member", Kind.SCHEDULE, Weight.MEMBER_RATIO),
    RATIO_NODE("ratio-node", Kind.SCHEDULE, Weight.NODE_RATIO),
    RATIO_SESSION("ratio-session", Kind.FEWEST, Weight.MEMBER_RATIO),
    LEAST_CONNECTIONS_MEMBER("least-connections-member", Kind.FEWEST, Weight.NONE),
    LEAST_CONNECTIONS_NODE("least-connections-node", Kind.FEWEST, Weight.NONE),
    WEIGHTED_LEAST_CONNECTIONS_MEMBER("weighted-least-connections-member", Kind.FEWEST, Weight.NONE),
    WEIGHTED_LEAST_CONNECTIONS_NODE("weighted-least-connections-node", Kind.FEWEST, Weight.NONE),
    RATIO_LEAST_CONNECTIONS_MEMBER("ratio-least-connections-member", Kind.FEWEST, Weight.MEMBER_RATIO),
    RATIO_LEAST_CONNECTIONS_NODE("ratio-least-connections-node", Kind.FEWEST, Weight.NODE_RATIO),
    LEAST_SESSIONS("least-sessions", Kind.FEWEST, Weight.NONE),
    FASTEST_NODE("fastest-node", Kind.FEWEST, Weight.NONE),
    FASTEST_APP_RESPONSE("fastest-app-response", Kind.FEWEST, Weight.NONE),
    OBSERVED_MEMBER("observed-member", Kind.WINDOW, Weight.NONE),
    OBSERVED_NODE("observed-node", Kind.WINDOW, Weight.NONE),
    PREDICTIVE_MEMBER("predictive-member", Kind.WINDOW, Weight.NONE),
    PREDICTIVE_NODE("predictive-node", Kind.WINDOW, Weight.NONE),
    DYNAMIC_RATIO_MEMBER("dynamic-ratio-member", Kind.SCHEDULE, Weight.MEMBER_DYNAMIC_RATIO),
    DYNAMIC_RATIO_NODE("dynamic-ratio-node", Kind.SCHEDULE, Weight.NODE_DYNAMIC_RATIO);

    /** How a mode chooses. */
    public enum Kind {
        /** Walks a fixed interleaved schedule of the weights, from the pool's cursor. */
        SCHEDULE,
        /** Takes the member with the lowest score now, ties broken in turn from the cursor. */
        FEWEST,
        /** Walks a schedule of weights recomputed from connection counts once per window. */
        WINDOW
    }

    /** The per-commit weight of each member a mode uses. */
    public enum Weight {
        NONE, MEMBER_RATIO, NODE_RATIO, MEMBER_DYNAMIC_RATIO, NODE_DYNAMIC_RATIO
    }

    private final String word;
    private final Kind kind;
    private final Weight weight;

    Mode(String word, Kind kind, Weight weight) {
        this.word = word;
        this.kind = kind;
        this.weight = weight;
    }

    /** The mode a pool's {@code load-balancing-mode} names. */
    public static Mode of(String loadBalancingMode) {
        return Arrays.stream(values()).filter(m -> m.word.equals(loadBalancingMode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("load-balancing-mode " + loadBalancingMode
                        + " is not a BIG-IP load-balancing mode"));
    }

    /** The tmsh word. */
    public String word() {
        return word;
    }

    public Kind kind() {
        return kind;
    }

    public Weight weight() {
        return weight;
    }

    /** Whether the mode counts node connections (across all pools) rather than the member's. */
    boolean countsNode() {
        return this == LEAST_CONNECTIONS_NODE || this == WEIGHTED_LEAST_CONNECTIONS_NODE
                || this == RATIO_LEAST_CONNECTIONS_NODE || this == OBSERVED_NODE || this == PREDICTIVE_NODE;
    }

    boolean predictive() {
        return this == PREDICTIVE_MEMBER || this == PREDICTIVE_NODE;
    }
}
