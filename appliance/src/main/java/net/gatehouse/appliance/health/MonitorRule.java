package net.gatehouse.appliance.health;

import java.util.ArrayList;
import java.util.List;

/**
 * A monitor rule as the engine evaluates it, read from the schema's canonical text:
 * {@code none}, {@code /Common/http and /Common/tcp} (all must be up) or
 * {@code min 2 of { /Common/a /Common/b /Common/c }}.
 */
public record MonitorRule(List<String> monitors, int minimum) {

    public static final MonitorRule NONE = new MonitorRule(List.of(), 0);

    public MonitorRule {
        monitors = List.copyOf(monitors);
    }

    /** Reads a canonical rule; {@code default} must be resolved by the caller first. */
    public static MonitorRule parse(String canonical) {
        String rule = canonical.trim();
        if (rule.isEmpty() || rule.equals("none")) {
            return NONE;
        }
        if (rule.equals("default")) {
            throw new IllegalArgumentException("the monitor rule 'default' must be resolved before it is read");
        }
        List<String> words = List.of(rule.split("\\s+"));
        if (words.get(0).equals("min")) {
            List<String> monitors = words.subList(4, words.size() - 1);
            return new MonitorRule(monitors, Integer.parseInt(words.get(1)));
        }
        List<String> monitors = new ArrayList<>();
        for (String word : words) {
            if (!word.equals("and")) {
                monitors.add(word);
            }
        }
        return new MonitorRule(monitors, monitors.size());
    }

    public boolean isNone() {
        return monitors.isEmpty();
    }

    /**
     * The rule's verdict on its monitors' states, in the rule's order: up when at least
     * {@code minimum} are up; down when too few could still be up; unknown when the rest cannot be
     * checked; checking otherwise.
     */
    public MonitorStatus.State verdict(List<MonitorStatus> statuses) {
        int up = 0;
        int down = 0;
        int unknown = 0;
        for (MonitorStatus status : statuses) {
            switch (status.state()) {
                case UP -> up++;
                case DOWN, HELD -> down++;
                case UNKNOWN -> unknown++;
                case CHECKING -> { }
            }
        }
        if (up >= minimum) {
            return MonitorStatus.State.UP;
        }
        if (statuses.size() - down < minimum) {
            return MonitorStatus.State.DOWN;
        }
        if (up + unknown >= minimum && statuses.size() - down - up - unknown == 0) {
            return MonitorStatus.State.UNKNOWN;
        }
        return MonitorStatus.State.CHECKING;
    }
}
