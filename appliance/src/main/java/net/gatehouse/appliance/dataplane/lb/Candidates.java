package net.gatehouse.appliance.dataplane.lb;

/** The members of one pool as selection sees them, by index in configuration order. */
public interface Candidates {

    int size();

    /** Whether member {@code index} may get a new connection now (health, admin state, limits not yet reached). */
    boolean eligible(int index);

    /** The connections that count for least-connections (the member's or its node's). */
    long connections(int index);

    /**
     * Takes a connection on member {@code index} (and its node), atomically against their
     * connection limits; false when a limit was reached meanwhile, with nothing taken.
     */
    boolean tryTake(int index);
}
