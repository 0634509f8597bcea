package net.gatehouse.appliance.stats;

import java.util.function.Function;

/**
 * One statistic, declared once: the label tmsh {@code show} prints it under, the key iControl REST
 * {@code .../stats} answers it with, and how it is read from a report. A number is written in REST
 * as {@code {"value": n}}, a word as {@code {"description": "..."}}.
 *
 * @param <R> what it is read from ({@link net.gatehouse.appliance.dataplane.Reports} or counters)
 */
public record Statistic<R>(String label, String restKey, Function<R, Object> read) {

    public static <R> Statistic<R> counter(String label, String restKey, Function<R, Long> read) {
        return new Statistic<>(label, restKey, r -> read.apply(r));
    }

    public static <R> Statistic<R> text(String label, String restKey, Function<R, String> read) {
        return new Statistic<>(label, restKey, r -> read.apply(r));
    }

    /** A statistic this appliance does not measure: always {@code value}, as on a box where it never happened. */
    public static <R> Statistic<R> unmeasured(String label, String restKey, Object value) {
        return new Statistic<>(label, restKey, r -> value);
    }

    /** The same statistic read from something that holds an {@code R}, its REST key prefixed. */
    public <T> Statistic<T> of(String restPrefix, Function<T, R> from) {
        return new Statistic<>(label, restPrefix + restKey, t -> read.apply(from.apply(t)));
    }

    public Object value(R report) {
        return read.apply(report);
    }
}
