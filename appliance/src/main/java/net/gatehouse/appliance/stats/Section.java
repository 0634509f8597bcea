package net.gatehouse.appliance.stats;

import java.util.List;

/**
 * A titled group of rows of a profile's {@code show} block ({@code Requests}, {@code Connections}):
 * the statistics it prints, in order, each read from an {@code R}.
 *
 * @param <R> what the rows are read from
 */
public record Section<R>(String title, List<Statistic<R>> rows) {
    public Section {
        rows = List.copyOf(rows);
    }
}
