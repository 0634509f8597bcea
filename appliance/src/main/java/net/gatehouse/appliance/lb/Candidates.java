package net.gatehouse.appliance.lb;

/**
 * The members of one pool as selection sees them at this moment, by index in configuration order:
 * live runtime state (connections, sessions, response times, health), read when selection asks.
 * Per-commit settings (ratios, priority groups) come with the {@link PoolBalancer} instead.
 */
public interface Candidates {

    int size();

    /** Whether the member may get new connections: health, admin state of member and node (not limits). */
    boolean available(int index);

    /** Whether the member's or its node's connection limit is reached. */
    boolean full(int index);

    /**
     * Takes a connection on the member (and its node), atomically against their connection limits;
     * false when a limit was reached meanwhile, with nothing taken.
     */
    boolean tryTake(int index);

    /** The member's current connections in this pool. */
    long connections(int index);

    /** The node's current connections, across every pool that uses the node. */
    long nodeConnections(int index);

    /** The member's {@code connection-limit} (0: none). */
    long connectionLimit(int index);

    /** The node's {@code connection-limit} (0: none). */
    long nodeConnectionLimit(int index);

    /** The member's current sessions (persistence records that point at it). */
    long sessions(int index);

    /** The member's smoothed response time in nanoseconds (0: no sample yet). */
    long responseNanos(int index);

    /** The node's smoothed response time across all pools, in nanoseconds (0: no sample yet). */
    long nodeResponseNanos(int index);

    /** The member's slow ramp. */
    SlowRamp ramp(int index);
}
