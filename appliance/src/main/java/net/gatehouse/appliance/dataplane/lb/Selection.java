package net.gatehouse.appliance.dataplane.lb;

/**
 * Picks the member for a new connection. Pure: the pool's schedule, a cursor value and the
 * candidates in, an index out; the caller owns the cursor (one atomic per pool).
 */
public final class Selection {

    /** No member could take the connection. */
    public static final int NONE = -1;

    private Selection() {
    }

    /**
     * Round-robin and ratio walk the schedule from {@code cursor}; least-connections takes the
     * eligible member with the fewest connections, ties broken round-robin from {@code cursor}.
     *
     * @return the index of the member that took the connection, or {@link #NONE}
     */
    public static int pick(Mode mode, int[] schedule, long cursor, Candidates candidates) {
        if (candidates.size() == 0) {
            return NONE;
        }
        return mode.isLeastConnections() ? leastConnections(cursor, candidates) : scheduled(schedule, cursor, candidates);
    }

    private static int scheduled(int[] schedule, long cursor, Candidates candidates) {
        int length = schedule.length;
        int start = (int) Math.floorMod(cursor, (long) length);
        for (int step = 0; step < length; step++) {
            int index = schedule[(start + step) % length];
            if (candidates.eligible(index) && candidates.tryTake(index)) {
                return index;
            }
        }
        return NONE;
    }

    private static int leastConnections(long cursor, Candidates candidates) {
        int size = candidates.size();
        int start = (int) Math.floorMod(cursor, (long) size);
        boolean[] tried = new boolean[size];
        for (int attempt = 0; attempt < size; attempt++) {
            int best = NONE;
            long fewest = Long.MAX_VALUE;
            for (int step = 0; step < size; step++) {
                int index = (start + step) % size;
                if (!tried[index] && candidates.eligible(index)) {
                    long connections = candidates.connections(index);
                    if (connections < fewest) {
                        fewest = connections;
                        best = index;
                    }
                }
            }
            if (best == NONE) {
                return NONE;
            }
            if (candidates.tryTake(best)) {
                return best;
            }
            tried[best] = true;
        }
        return NONE;
    }

    /**
     * The order a ratio pool serves its members in: each member {@code ratio} times per cycle,
     * interleaved (smooth weighted round-robin), so 3:1 gives a, a, b, a rather than a, a, a, b.
     * Equal ratios give plain round-robin.
     */
    public static int[] schedule(int[] configured) {
        int divisor = 0;
        for (int ratio : configured) {
            divisor = gcd(divisor, Math.max(1, ratio));
        }
        int[] ratios = new int[configured.length];
        int total = 0;
        for (int i = 0; i < configured.length; i++) {
            ratios[i] = Math.max(1, configured[i]) / Math.max(1, divisor);
            total += ratios[i];
        }
        int[] order = new int[total];
        long[] current = new long[ratios.length];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < ratios.length; i++) {
                current[i] += ratios[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[slot] = best;
        }
        return order;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
