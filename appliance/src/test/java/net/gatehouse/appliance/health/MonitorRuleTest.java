package net.gatehouse.appliance.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.gatehouse.appliance.health.MonitorStatus.State;
import org.junit.jupiter.api.Test;

class MonitorRuleTest {

    private static MonitorStatus s(State state) {
        return new MonitorStatus(state, false, "");
    }

    @Test
    void readsTheCanonicalForms() {
        assertThat(MonitorRule.parse("none").isNone()).isTrue();
        assertThat(MonitorRule.parse("/Common/http and /Common/tcp"))
                .isEqualTo(new MonitorRule(List.of("/Common/http", "/Common/tcp"), 2));
        assertThat(MonitorRule.parse("min 1 of { /Common/a /Common/b }"))
                .isEqualTo(new MonitorRule(List.of("/Common/a", "/Common/b"), 1));
    }

    @Test
    void andNeedsEveryMonitorUp() {
        MonitorRule rule = MonitorRule.parse("/Common/http and /Common/tcp");
        assertThat(rule.verdict(List.of(s(State.UP), s(State.UP)))).isEqualTo(State.UP);
        assertThat(rule.verdict(List.of(s(State.UP), s(State.DOWN)))).isEqualTo(State.DOWN);
        assertThat(rule.verdict(List.of(s(State.UP), s(State.CHECKING)))).isEqualTo(State.CHECKING);
    }

    @Test
    void minTwoOfThreeToleratesOneDown() {
        MonitorRule rule = MonitorRule.parse("min 2 of { /Common/a /Common/b /Common/c }");
        assertThat(rule.verdict(List.of(s(State.UP), s(State.DOWN), s(State.UP)))).isEqualTo(State.UP);
        assertThat(rule.verdict(List.of(s(State.UP), s(State.DOWN), s(State.HELD)))).isEqualTo(State.DOWN);
        assertThat(rule.verdict(List.of(s(State.UP), s(State.DOWN), s(State.CHECKING)))).isEqualTo(State.CHECKING);
    }

    @Test
    void aMonitorThatCannotRunMakesTheRuleUnknownUnlessOthersDecide() {
        MonitorRule icmpOnly = MonitorRule.parse("/Common/icmp");
        assertThat(icmpOnly.verdict(List.of(s(State.UNKNOWN)))).isEqualTo(State.UNKNOWN);
        MonitorRule both = MonitorRule.parse("/Common/icmp and /Common/tcp");
        assertThat(both.verdict(List.of(s(State.UNKNOWN), s(State.DOWN)))).isEqualTo(State.DOWN);
    }
}
