package net.gatehouse.appliance.dataplane;

/** HTTP counters at one moment: requests, and responses by status class. */
public record HttpStats(long requests, long responses1xx, long responses2xx, long responses3xx,
        long responses4xx, long responses5xx) {
}
