package net.gatehouse.appliance.dataplane.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {

    /** Members with connection counts, an eligibility flag and a limit, like a pool's runtime. */
    private static final class Members implements Candidates {
        final long[] connections;
        final boolean[] eligible;
        final long[] limits;

        Members(int size) {
            connections = new long[size];
            eligible = new boolean[size];
            limits = new long[size];
            Arrays.fill(eligible, true);
        }

        @Override
        public int size() {
            return connections.length;
        }

        @Override
        public boolean eligible(int index) {
            return eligible[index];
        }

        @Override
        public long connections(int index) {
            return connections[index];
        }

        @Override
        public boolean tryTake(int index) {
            if (limits[index] > 0 && connections[index] >= limits[index]) {
                return false;
            }
            connections[index]++;
            return true;
        }
    }

    private static List<Integer> picks(Mode mode, int[] schedule, Members members, int count) {
        List<Integer> picked = new ArrayList<>();
        for (int cursor = 0; cursor < count; cursor++) {
            picked.add(Selection.pick(mode, schedule, cursor, members));
        }
        return picked;
    }

    @Test
    void roundRobinTakesMembersInTurn() {
        Members members = new Members(3);
        assertThat(picks(Mode.ROUND_ROBIN, Selection.schedule(new int[] {1, 1, 1}), members, 6))
                .containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void ratioScheduleInterleavesThreeToOne() {
        assertThat(Selection.schedule(new int[] {3, 1})).containsExactly(0, 0, 1, 0);
        assertThat(Selection.schedule(new int[] {300, 100})).hasSize(4);
    }

    @Test
    void ineligibleMembersAreSkippedAndNoneMeansNoMember() {
        Members members = new Members(2);
        members.eligible[0] = false;
        assertThat(picks(Mode.ROUND_ROBIN, Selection.schedule(new int[] {1, 1}), members, 3)).containsExactly(1, 1, 1);
        members.eligible[1] = false;
        assertThat(Selection.pick(Mode.ROUND_ROBIN, Selection.schedule(new int[] {1, 1}), 0, members))
                .isEqualTo(Selection.NONE);
    }

    @Test
    void aMemberAtItsLimitIsPassedOver() {
        Members members = new Members(2);
        members.limits[0] = 1;
        assertThat(picks(Mode.ROUND_ROBIN, Selection.schedule(new int[] {1, 1}), members, 4)).containsExactly(0, 1, 1, 1);
    }

    @Test
    void leastConnectionsPicksTheFewestAndBreaksTiesFromTheCursor() {
        Members members = new Members(3);
        members.connections[0] = 5;
        members.connections[1] = 2;
        members.connections[2] = 2;
        assertThat(Selection.pick(Mode.LEAST_CONNECTIONS_MEMBER, new int[] {0, 1, 2}, 1, members)).isEqualTo(1);
        assertThat(Selection.pick(Mode.LEAST_CONNECTIONS_MEMBER, new int[] {0, 1, 2}, 2, members)).isEqualTo(2);
        members.limits[2] = 3;
        members.connections[1] = 9;
        assertThat(Selection.pick(Mode.LEAST_CONNECTIONS_MEMBER, new int[] {0, 1, 2}, 0, members)).isEqualTo(0);
    }

    @Test
    void unmodelledModesAreRoundRobinAndSaySo() {
        assertThat(Mode.of("observed-member")).isEqualTo(Mode.ROUND_ROBIN);
        assertThat(Mode.isModelled("observed-member")).isFalse();
        assertThat(Mode.isModelled("ratio-member")).isTrue();
        assertThat(Mode.isModelled("round-robin")).isTrue();
    }
}
