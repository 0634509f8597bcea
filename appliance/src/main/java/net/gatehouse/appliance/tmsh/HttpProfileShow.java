package net.gatehouse.appliance.tmsh;

import net.gatehouse.appliance.dataplane.Reports;
import net.gatehouse.appliance.dataplane.stats.HttpProfileStats;
import net.gatehouse.appliance.stats.HttpProfileStatistics;
import net.gatehouse.appliance.stats.Section;
import net.gatehouse.appliance.stats.Statistic;

/**
 * {@code show ltm profile http [names] [raw]}: per profile a dashed title, the number of virtual
 * servers that use it, then its {@link HttpProfileStatistics#SECTIONS} (a title, its rows indented
 * by two). Numbers are scaled like the other {@code show} output unless {@code raw}.
 */
final class HttpProfileShow {

    private final TrafficShow numbers;

    HttpProfileShow(TrafficShow numbers) {
        this.numbers = numbers;
    }

    String profile(Reports.HttpProfile report) {
        StringBuilder out = TrafficShow.title("Ltm::HTTP Profile: " + numbers.name(report.fullPath()));
        out.append(String.format("%-26s%10s%n", HttpProfileStatistics.VIRTUAL_SERVER_COUNT,
                numbers.number((long) report.virtualServerCount())));
        for (Section<HttpProfileStats> section : HttpProfileStatistics.SECTIONS) {
            out.append('\n').append(section.title()).append('\n');
            for (Statistic<HttpProfileStats> row : section.rows()) {
                out.append(String.format("  %-24s%10s%n", row.label(), numbers.number(row.value(report.stats()))));
            }
        }
        return out.append('\n').toString();
    }
}
