package net.gatehouse.appliance.tmsh;

import java.util.ArrayList;
import java.util.List;
import net.gatehouse.appliance.dataplane.OneConnectStats;
import net.gatehouse.appliance.stats.OneConnectProfileStatistics;
import net.gatehouse.appliance.stats.Statistic;

/**
 * {@code show ltm profile one-connect [names] [raw]}, laid out as F5's published capture of it: a
 * title between dash rules as wide as the widest line, {@code Virtual Server Name   N/A}, a blank
 * line, then the {@code Connections} group with its rows unindented. Labels are padded to the
 * longest label; the numbers are right-aligned to one column, as wide as the widest of them.
 * Numbers are scaled like the other {@code show} output unless {@code raw}.
 */
final class OneConnectProfileShow {

    /** The gap between the longest label and a word value ({@code Virtual Server Name   N/A}). */
    private static final String TEXT_GAP = "   ";

    private final TrafficShow numbers;

    OneConnectProfileShow(TrafficShow numbers) {
        this.numbers = numbers;
    }

    String profile(OneConnectStats stats) {
        List<Statistic<OneConnectStats>> rows = OneConnectProfileStatistics.CONNECTIONS.rows();
        Statistic<OneConnectStats> virtualServer = OneConnectProfileStatistics.VIRTUAL_SERVER_NAME;
        int labelWidth = virtualServer.label().length();
        List<String> values = new ArrayList<>();
        int valueWidth = 0;
        for (Statistic<OneConnectStats> row : rows) {
            labelWidth = Math.max(labelWidth, row.label().length());
            String value = numbers.number(row.value(stats));
            values.add(value);
            valueWidth = Math.max(valueWidth, value.length());
        }
        List<String> lines = new ArrayList<>();
        lines.add(pad(virtualServer.label(), labelWidth) + TEXT_GAP + virtualServer.value(stats));
        lines.add("");
        lines.add(OneConnectProfileStatistics.CONNECTIONS.title());
        for (int i = 0; i < rows.size(); i++) {
            lines.add(pad(rows.get(i).label(), labelWidth) + " ".repeat(valueWidth - values.get(i).length())
                    + values.get(i));
        }
        String title = "Ltm::OneConnect Profile: " + numbers.name(stats.profile());
        int width = title.length();
        for (String line : lines) {
            width = Math.max(width, line.length());
        }
        String rule = "-".repeat(width);
        StringBuilder out = new StringBuilder().append(rule).append('\n').append(title).append('\n')
                .append(rule).append('\n');
        lines.forEach(line -> out.append(line).append('\n'));
        return out.append('\n').toString();
    }

    private static String pad(String label, int width) {
        return label + " ".repeat(width - label.length());
    }
}
