package net.gatehouse.appliance.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PoolBalancerTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static PoolBalancer balancer(Mode mode, int[] weights) {
        return new PoolBalancer(mode, weights, new int[weights.length], 0, 0, new BalancerState());
    }

    private static PoolBalancer balancer(Mode mode, int size) {
        return balancer(mode, ones(size));
    }

    private static int[] ones(int size) {
        int[] ones = new int[size];
        java.util.Arrays.fill(ones, 1);
        return ones;
    }

    private static List<Integer> picks(PoolBalancer balancer, ScriptedPool pool, int count, long now) {
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(balancer.select(pool, now));
        }
        return picked;
    }

    /**
     * One scripted run: three members whose ratios, node ratios, dynamic ratios, limits, sessions,
     * response times and other pools' load on their nodes all differ; 24 connections, 300 ms apart,
     * member 0 losing two connections every fourth step. Every mode must pick a different sequence.
     */
    @Test
    void everyModeTellsItselfApartFromEveryOtherOverOneScriptedRun() {
        Map<Mode, List<Integer>> runs = new EnumMap<>(Mode.class);
        for (Mode mode : Mode.values()) {
            ScriptedPool pool = new ScriptedPool(3);
            pool.connections[0] = 4;
            pool.connections[2] = 1;
            pool.otherPoolsOnNode[1] = 6;
            pool.limits[0] = 40;
            pool.limits[1] = 10;
            pool.limits[2] = 20;
            pool.nodeLimits[0] = 100;
            pool.nodeLimits[1] = 20;
            pool.nodeLimits[2] = 10;
            pool.sessions[1] = 3;
            pool.sessionPerConnection = true;
            pool.responseNanos[0] = 5 * MS;
            pool.responseNanos[1] = 1 * MS;
            pool.responseNanos[2] = 3 * MS;
            pool.nodeResponseNanos[0] = 2 * MS;
            pool.nodeResponseNanos[1] = 8 * MS;
            pool.nodeResponseNanos[2] = 1 * MS;
            int[] weights = switch (mode.weight()) {
                case MEMBER_RATIO -> new int[] {3, 1, 2};
                case NODE_RATIO -> new int[] {1, 2, 4};
                case MEMBER_DYNAMIC_RATIO -> new int[] {1, 5, 1};
                case NODE_DYNAMIC_RATIO -> new int[] {2, 1, 1};
                case NONE -> ones(3);
            };
            PoolBalancer balancer = balancer(mode, weights);
            List<Integer> picked = new ArrayList<>();
            for (int step = 0; step < 24; step++) {
                if (step % 4 == 3) {
                    pool.connections[0] = Math.max(0, pool.connections[0] - 2);
                }
                picked.add(balancer.select(pool, step * 300 * MS));
            }
            runs.put(mode, picked);
        }
        Map<List<Integer>, Mode> seen = new HashMap<>();
        for (Map.Entry<Mode, List<Integer>> run : runs.entrySet()) {
            Mode same = seen.putIfAbsent(run.getValue(), run.getKey());
            assertThat(same).as("%s and %s picked the same %s (all runs: %s)", same, run.getKey(), run.getValue(), runs)
                    .isNull();
        }
    }

    @Test
    void roundRobinTakesMembersInTurn() {
        assertThat(picks(balancer(Mode.ROUND_ROBIN, 3), new ScriptedPool(3), 6, 0)).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void ratioInterleavesThreeToOne() {
        assertThat(Schedules.of(new int[] {3, 1})).containsExactly(0, 0, 1, 0);
        assertThat(Schedules.of(new int[] {300, 100})).hasSize(4);
        assertThat(picks(balancer(Mode.RATIO_MEMBER, new int[] {3, 1}), new ScriptedPool(2), 8, 0))
                .containsExactly(0, 0, 1, 0, 0, 0, 1, 0);
    }

    @Test
    void hugeRatiosAreScaledToABoundedSchedule() {
        int[] weights = new int[1000];
        java.util.Arrays.fill(weights, 65535);
        weights[0] = 65534;
        assertThat(Schedules.of(weights).length).isLessThanOrEqualTo(Schedules.MAX_SLOTS);
    }

    @Test
    void unavailableMembersAreSkippedAndNoneMeansNoMember() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.available[0] = false;
        PoolBalancer balancer = balancer(Mode.ROUND_ROBIN, 2);
        assertThat(picks(balancer, pool, 3, 0)).containsExactly(1, 1, 1);
        pool.available[1] = false;
        assertThat(balancer.select(pool, 0)).isEqualTo(PoolBalancer.NONE);
        assertThat(balancer.select(new ScriptedPool(0), 0)).isEqualTo(PoolBalancer.NONE);
    }

    @Test
    void aMemberAtItsLimitIsPassedOver() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.limits[0] = 1;
        assertThat(picks(balancer(Mode.ROUND_ROBIN, 2), pool, 4, 0)).containsExactly(0, 1, 1, 1);
    }

    @Test
    void leastConnectionsPicksTheFewestAndBreaksTiesInTurn() {
        ScriptedPool pool = new ScriptedPool(3);
        pool.connections[0] = 5;
        // Ties go to the first of the fewest counting from the cursor (0, 1, 2, 3, ...).
        assertThat(picks(balancer(Mode.LEAST_CONNECTIONS_MEMBER, 3), pool, 4, 0)).containsExactly(1, 2, 2, 1);
    }

    @Test
    void leastConnectionsNodeCountsTheNodesConnectionsInEveryPool() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.otherPoolsOnNode[0] = 3;
        assertThat(picks(balancer(Mode.LEAST_CONNECTIONS_NODE, 2), pool, 5, 0)).containsExactly(1, 1, 1, 1, 0);
        assertThat(picks(balancer(Mode.LEAST_CONNECTIONS_MEMBER, 2), new ScriptedPool(2), 2, 0)).containsExactly(0, 1);
    }

    @Test
    void weightedLeastConnectionsPicksTheMemberUsingTheSmallestPartOfItsLimit() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.connections[0] = 20;
        pool.limits[0] = 100;
        pool.connections[1] = 20;
        pool.limits[1] = 200;
        assertThat(balancer(Mode.WEIGHTED_LEAST_CONNECTIONS_MEMBER, 2).select(pool, 0)).isEqualTo(1);
        pool.limits[1] = 0;
        assertThat(balancer(Mode.WEIGHTED_LEAST_CONNECTIONS_MEMBER, 2).select(pool, 0))
                .as("a member without a limit comes after every member with one").isEqualTo(0);
    }

    @Test
    void ratioLeastConnectionsDividesConnectionsByRatio() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.connections[0] = 5;
        pool.connections[1] = 2;
        assertThat(balancer(Mode.RATIO_LEAST_CONNECTIONS_MEMBER, new int[] {3, 1}).select(pool, 0)).isEqualTo(0);
        assertThat(balancer(Mode.LEAST_CONNECTIONS_MEMBER, 2).select(pool, 0)).isEqualTo(1);
    }

    @Test
    void leastSessionsCountsPersistenceRecordsThenConnections() {
        ScriptedPool pool = new ScriptedPool(3);
        pool.sessions[0] = 2;
        pool.connections[1] = 4;
        assertThat(balancer(Mode.LEAST_SESSIONS, 3).select(pool, 0)).isEqualTo(2);
    }

    @Test
    void fastestFollowsResponseTimeOfTheMemberOrOfTheNode() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.responseNanos[0] = 9 * MS;
        pool.responseNanos[1] = 2 * MS;
        pool.nodeResponseNanos[0] = 1 * MS;
        pool.nodeResponseNanos[1] = 4 * MS;
        PoolBalancer app = balancer(Mode.FASTEST_APP_RESPONSE, 2);
        PoolBalancer node = balancer(Mode.FASTEST_NODE, 2);
        assertThat(picks(app, pool, 3, 0)).containsExactly(1, 1, 1);
        assertThat(picks(node, pool, 3, 0)).containsExactly(0, 0, 0);
        pool.responseNanos[1] = 20 * MS;
        assertThat(app.select(pool, 0)).as("the member that became slow loses").isEqualTo(0);
    }

    @Test
    void observedKeepsItsRatiosForTheSecondWhileLeastConnectionsReactsAtOnce() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.connections[0] = 3;
        PoolBalancer observed = balancer(Mode.OBSERVED_MEMBER, 2);
        // Window at t=0: a has 3 connections, b none: weights 16/4 = 4 and 16.
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            counts.merge(observed.select(pool, i * MS), 1, Integer::sum);
        }
        assertThat(counts).containsEntry(0, 4).containsEntry(1, 16);
        // a's connections end: least-connections goes to a at once, observed keeps the window's ratios.
        pool.connections[0] = 0;
        pool.connections[1] = 0;
        assertThat(balancer(Mode.LEAST_CONNECTIONS_MEMBER, 2).select(pool, 0)).isEqualTo(0);
        ScriptedPool copy = new ScriptedPool(2);
        copy.connections[0] = 0;
        copy.connections[1] = 20;
        int toA = 0;
        for (int i = 0; i < 20; i++) {
            toA += observed.select(copy, 500 * MS) == 0 ? 1 : 0;
        }
        assertThat(toA).as("same window, same 4:16 ratios whatever the counts now").isEqualTo(4);
        // The next window samples again: now b is loaded, a gets most.
        toA = 0;
        for (int i = 0; i < 20; i++) {
            toA += observed.select(copy, SECOND + i) == 0 ? 1 : 0;
        }
        assertThat(toA).isGreaterThan(15);
    }

    @Test
    void predictiveFavoursTheMemberWhoseLoadIsFallingWhereObservedSeesThemEqual() {
        ScriptedPool pool = new ScriptedPool(2);
        pool.connections[0] = 8;
        PoolBalancer predictive = balancer(Mode.PREDICTIVE_MEMBER, 2);
        PoolBalancer observed = balancer(Mode.OBSERVED_MEMBER, 2);
        predictive.select(pool, 0);
        observed.select(pool, 0);
        pool.connections[0] = 4;
        pool.connections[1] = 4;
        Map<Integer, Integer> predicted = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        ScriptedPool frozen = pool;
        for (int i = 0; i < 40; i++) {
            long[] before = frozen.connections.clone();
            predicted.merge(predictive.select(frozen, SECOND), 1, Integer::sum);
            frozen.connections[0] = before[0];
            frozen.connections[1] = before[1];
            seen.merge(observed.select(frozen, SECOND), 1, Integer::sum);
            frozen.connections[0] = before[0];
            frozen.connections[1] = before[1];
        }
        assertThat(seen).containsEntry(0, 20).containsEntry(1, 20);
        assertThat(predicted.get(0)).isGreaterThan(30);
    }

    @Test
    void dynamicRatioWeighsByTheDynamicRatioNotTheRatio() {
        assertThat(picks(balancer(Mode.DYNAMIC_RATIO_MEMBER, new int[] {1, 3}), new ScriptedPool(2), 4, 0))
                .containsExactly(1, 0, 1, 1);
    }

    @Test
    void priorityGroupsSendTrafficToTheHighestGroupWithEnoughMembersAndLowerGroupsJoinAsMembersFail() {
        ScriptedPool pool = new ScriptedPool(4);
        PoolBalancer balancer = new PoolBalancer(Mode.ROUND_ROBIN, ones(4), new int[] {10, 10, 5, 1}, 2, 0,
                new BalancerState());
        assertThat(picks(balancer, pool, 4, 0)).containsOnly(0, 1);
        pool.available[1] = false;
        assertThat(picks(balancer, pool, 6, 0)).containsOnly(0, 2).contains(0, 2);
        pool.available[0] = false;
        assertThat(picks(balancer, pool, 6, 0)).containsOnly(2, 3).contains(2, 3);
        pool.available[0] = true;
        pool.available[1] = true;
        assertThat(picks(balancer, pool, 4, 0)).containsOnly(0, 1);
    }

    @Test
    void aMemberAtItsLimitDoesNotCountTowardsItsPriorityGroup() {
        ScriptedPool pool = new ScriptedPool(3);
        pool.limits[0] = 1;
        pool.connections[0] = 1;
        PoolBalancer balancer = new PoolBalancer(Mode.ROUND_ROBIN, ones(3), new int[] {2, 2, 1}, 2, 0,
                new BalancerState());
        assertThat(picks(balancer, pool, 4, 0)).containsOnly(1, 2);
    }

    @Test
    void slowRampGrowsARecoveredMembersShareLinearly() {
        ScriptedPool pool = new ScriptedPool(2);
        PoolBalancer balancer = new PoolBalancer(Mode.ROUND_ROBIN, ones(2), new int[2], 0, 10 * SECOND,
                new BalancerState());
        pool.available[1] = false;
        picks(balancer, pool, 2, 0);
        pool.available[1] = true;
        // Member 1 comes back at t=0 (selection sees it then) and ramps over 10 s: nothing at first.
        assertThat(picks(balancer, pool, 4, 0)).containsOnly(0);
        for (int quarter = 1; quarter <= 3; quarter++) {
            long now = quarter * 10 * SECOND / 4;
            int toB = 0;
            for (int i = 0; i < 400; i++) {
                toB += balancer.select(pool, now) == 1 ? 1 : 0;
            }
            // Round-robin offers it half; it accepts quarter/4 of its offers.
            assertThat(toB).as("at %d/4 of the ramp", quarter).isBetween(200 * quarter / 4 - 3, 200 * quarter / 4 + 3);
        }
        int toB = 0;
        for (int i = 0; i < 400; i++) {
            toB += balancer.select(pool, 11 * SECOND) == 1 ? 1 : 0;
        }
        assertThat(toB).isEqualTo(200);
    }

    @Test
    void aLoneRampingMemberStillTakesEveryConnection() {
        ScriptedPool pool = new ScriptedPool(1);
        pool.ramps[0].start(0);
        PoolBalancer balancer = new PoolBalancer(Mode.ROUND_ROBIN, ones(1), new int[1], 0, 10 * SECOND,
                new BalancerState());
        assertThat(picks(balancer, pool, 5, SECOND)).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void unknownModeWordsAreRefused() {
        assertThatThrownBy(() -> Mode.of("fastest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fastest");
        for (Mode mode : Mode.values()) {
            assertThat(Mode.of(mode.word())).isEqualTo(mode);
        }
    }

    @Test
    void responseTimeIsASmoothedAverage() {
        ResponseTime time = new ResponseTime();
        assertThat(time.nanos()).isZero();
        time.record(800);
        time.record(1600);
        assertThat(time.nanos()).isEqualTo(900);
    }
}
