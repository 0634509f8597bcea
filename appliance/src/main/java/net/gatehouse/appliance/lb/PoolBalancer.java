package net.gatehouse.appliance.lb;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The one selection entry point: picks and takes the member for a new connection. Built per
 * commit from the pool's settings (mode, per-member weights and priority groups,
 * {@code min-active-members}, {@code slow-ramp-time}); reads live state only through
 * {@link Candidates} and keeps its moving parts in the pool's {@link BalancerState}. Pure,
 * deterministic for a given clock and sequence of calls, and lock-free: a selection takes one
 * atomic increment (and, once per observed window, one compare-and-set).
 *
 * <p>Every selection: (1) priority-group activation narrows the members to the highest groups
 * with enough available members; (2) the mode proposes a member among those available and not yet
 * passed over; (3) a ramping member accepts only its share of what it is offered; (4) the member
 * is taken atomically against its and its node's connection limits. A member passed over in (3)
 * or (4) is left out and the mode proposes again, at most once per member. A ramping member that
 * was passed over is taken anyway when no other member could take the connection.
 */
public final class PoolBalancer {

    /** No member could take the connection. */
    public static final int NONE = -1;

    /** How long an observed/predictive window lasts: BIG-IP recomputes these ratios every second. */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** The weight of the least loaded member in an observed window; others get proportionally less. */
    static final int OBSERVED_QUANTA = 16;

    private final Mode mode;
    private final int[] weights;
    private final int[] priorities;
    private final int[] groups;
    private final int minActiveMembers;
    private final long slowRampNanos;
    private final int[] schedule;
    private final BalancerState state;

    /**
     * @param weights the mode's per-member weight (its {@link Mode#weight()}: ratio, node ratio,
     *        dynamic ratio; ignored by modes that use none)
     * @param priorities each member's {@code priority-group}
     */
    public PoolBalancer(Mode mode, int[] weights, int[] priorities, int minActiveMembers, long slowRampNanos,
            BalancerState state) {
        if (weights.length != priorities.length) {
            throw new IllegalArgumentException("one weight and one priority group per member");
        }
        this.mode = mode;
        this.weights = weights.clone();
        this.priorities = priorities.clone();
        this.groups = Arrays.stream(priorities).distinct().sorted().toArray();
        this.minActiveMembers = minActiveMembers;
        this.slowRampNanos = slowRampNanos;
        this.schedule = Schedules.of(mode.weight() == Mode.Weight.NONE ? ones(weights.length) : this.weights);
        this.state = state;
    }

    private static int[] ones(int size) {
        int[] ones = new int[size];
        Arrays.fill(ones, 1);
        return ones;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Picks a member for a new connection and takes it (its and its node's connection count).
     *
     * @return the index of the member that took the connection, or {@link #NONE}
     */
    public int select(Candidates candidates, long nowNanos) {
        int size = candidates.size();
        if (size == 0 || size != priorities.length) {
            return NONE;
        }
        long cursor = state.cursor.getAndIncrement();
        Round round = new Round(candidates, nowNanos, activeGroupFloor(candidates, nowNanos));
        int[] order = mode.kind() == Mode.Kind.WINDOW ? window(candidates, nowNanos).schedule() : schedule;
        int passedRamping = NONE;
        for (int attempt = 0; attempt < size; attempt++) {
            int index = mode.kind() == Mode.Kind.FEWEST ? fewest(round, order, cursor) : walk(round, order, cursor);
            if (index == NONE) {
                break;
            }
            SlowRamp ramp = candidates.ramp(index);
            double share = ramp.share(nowNanos, slowRampNanos);
            boolean admitted = ramp.admit(share);
            if (admitted && candidates.tryTake(index)) {
                return index;
            }
            if (!admitted && passedRamping == NONE) {
                passedRamping = index;
            }
            round.passOver(index);
        }
        return passedRamping != NONE && candidates.tryTake(passedRamping) ? passedRamping : NONE;
    }

    /**
     * Priority-group activation: with {@code min-active-members} set, the lowest priority group
     * still in use, found by adding groups from the highest down until they hold enough available
     * members (available and not at a connection limit); all groups when they never do.
     */
    private int activeGroupFloor(Candidates candidates, long nowNanos) {
        if (minActiveMembers <= 0 || groups.length <= 1) {
            return Integer.MIN_VALUE;
        }
        int active = 0;
        for (int g = groups.length - 1; g >= 0; g--) {
            for (int i = 0; i < priorities.length; i++) {
                if (priorities[i] == groups[g] && available(candidates, i, nowNanos) && !candidates.full(i)) {
                    active++;
                }
            }
            if (active >= minActiveMembers) {
                return groups[g];
            }
        }
        return groups[0];
    }

    private static boolean available(Candidates candidates, int index, long nowNanos) {
        boolean available = candidates.available(index);
        candidates.ramp(index).observe(available, nowNanos);
        return available;
    }

    /** Round-robin, ratio and window modes: the first member the schedule names from the cursor on. */
    private static int walk(Round round, int[] order, long cursor) {
        int length = order.length;
        int start = (int) Math.floorMod(cursor, (long) length);
        for (int step = 0; step < length; step++) {
            int index = order[(start + step) % length];
            if (round.eligible(index)) {
                return index;
            }
        }
        return NONE;
    }

    /**
     * The member with the lowest score (then the lowest second score); among equals, the one the
     * schedule names at the cursor, else the first after it in member order.
     */
    private int fewest(Round round, int[] order, long cursor) {
        Candidates candidates = round.candidates;
        int size = candidates.size();
        int start = (int) Math.floorMod(cursor, (long) size);
        int preferred = order[(int) Math.floorMod(cursor, (long) order.length)];
        int best = NONE;
        double bestScore = 0;
        long bestSecond = 0;
        for (int step = 0; step < size; step++) {
            int index = (start + step) % size;
            if (!round.eligible(index)) {
                continue;
            }
            double score = score(candidates, index);
            long second = secondScore(candidates, index);
            int compared = best == NONE ? -1 : compare(score, second, bestScore, bestSecond);
            if (compared < 0 || compared == 0 && index == preferred) {
                best = index;
                bestScore = score;
                bestSecond = second;
            }
        }
        return best;
    }

    private static int compare(double score, long second, double otherScore, long otherSecond) {
        int byScore = Double.compare(score, otherScore);
        return byScore != 0 ? byScore : Long.compare(second, otherSecond);
    }

    /** What a FEWEST mode minimises; docs/load-balancing.md states each. */
    private double score(Candidates c, int i) {
        return switch (mode) {
            case LEAST_CONNECTIONS_MEMBER -> c.connections(i);
            case LEAST_CONNECTIONS_NODE -> c.nodeConnections(i);
            case WEIGHTED_LEAST_CONNECTIONS_MEMBER -> capacityUsed(c.connections(i), c.connectionLimit(i));
            case WEIGHTED_LEAST_CONNECTIONS_NODE -> capacityUsed(c.nodeConnections(i), c.nodeConnectionLimit(i));
            case RATIO_LEAST_CONNECTIONS_MEMBER -> (double) c.connections(i) / weight(i);
            case RATIO_LEAST_CONNECTIONS_NODE -> (double) c.nodeConnections(i) / weight(i);
            case RATIO_SESSION -> (double) c.sessions(i) / weight(i);
            case LEAST_SESSIONS -> c.sessions(i);
            case FASTEST_NODE -> c.nodeResponseNanos(i);
            case FASTEST_APP_RESPONSE -> c.responseNanos(i);
            default -> throw new IllegalStateException(mode + " does not score members");
        };
    }

    /** Ties on the score: least-sessions, fastest and weighted modes fall back to fewer connections. */
    private long secondScore(Candidates c, int i) {
        return switch (mode) {
            case LEAST_SESSIONS, FASTEST_APP_RESPONSE, WEIGHTED_LEAST_CONNECTIONS_MEMBER -> c.connections(i);
            case FASTEST_NODE, WEIGHTED_LEAST_CONNECTIONS_NODE -> c.nodeConnections(i);
            default -> 0;
        };
    }

    /** Connections as a part of the limit; a member without a limit comes after every member with one. */
    private static double capacityUsed(long connections, long limit) {
        return limit > 0 ? (double) connections / limit : Double.POSITIVE_INFINITY;
    }

    private int weight(int index) {
        return Math.max(1, weights[index]);
    }

    /**
     * The current observed/predictive window, computing the next one when it is over. Observed:
     * weight = (fewest + 1) / (own + 1) connections at the window's start. Predictive: that times
     * (own at the previous window's start + 1) / (own now + 1), so a member whose count is falling
     * gains and one whose count is rising loses.
     */
    private BalancerState.Window window(Candidates candidates, long nowNanos) {
        BalancerState.Window current = state.window.get();
        int size = candidates.size();
        if (current != null && current.mode() == mode && current.counts().length == size
                && nowNanos - current.startNanos() < WINDOW_NANOS) {
            return current;
        }
        long[] counts = new long[size];
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            counts[i] = mode.countsNode() ? candidates.nodeConnections(i) : candidates.connections(i);
            fewest = Math.min(fewest, counts[i]);
        }
        boolean hasPrevious = current != null && current.mode() == mode && current.counts().length == size;
        int[] ratios = new int[size];
        for (int i = 0; i < size; i++) {
            double weight = (fewest + 1.0) / (counts[i] + 1.0);
            if (mode.predictive()) {
                long previous = hasPrevious ? current.counts()[i] : counts[i];
                weight *= (previous + 1.0) / (counts[i] + 1.0);
            }
            ratios[i] = (int) Math.max(1, Math.min(Schedules.MAX_SLOTS, Math.round(OBSERVED_QUANTA * weight)));
        }
        BalancerState.Window next = new BalancerState.Window(mode, nowNanos, counts, Schedules.of(ratios));
        return state.window.compareAndSet(current, next) ? next : state.window.get();
    }

    /** One selection's view: which members are still candidates. */
    private final class Round {
        private final Candidates candidates;
        private final long nowNanos;
        private final int floor;
        private boolean[] passedOver;

        Round(Candidates candidates, long nowNanos, int floor) {
            this.candidates = candidates;
            this.nowNanos = nowNanos;
            this.floor = floor;
        }

        boolean eligible(int index) {
            return priorities[index] >= floor && (passedOver == null || !passedOver[index])
                    && available(candidates, index, nowNanos);
        }

        void passOver(int index) {
            if (passedOver == null) {
                passedOver = new boolean[candidates.size()];
            }
            passedOver[index] = true;
        }
    }
}
