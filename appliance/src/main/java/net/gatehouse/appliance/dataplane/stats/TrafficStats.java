package net.gatehouse.appliance.dataplane.stats;

/**
 * One side's counters at one moment, in BIG-IP's units: {@code show} prints them as
 * {@code Bits In}, {@code Bits Out}, {@code Packets In}, ... and REST stats as
 * {@code clientside.bitsIn} / {@code serverside.bitsIn} and so on. A packet here is one socket
 * read or write, which is what a user-space proxy can see.
 */
public record TrafficStats(long bitsIn, long bitsOut, long packetsIn, long packetsOut, long currentConnections,
        long maximumConnections, long totalConnections) {

    /** No traffic at all. */
    public static final TrafficStats NONE = new TrafficStats(0, 0, 0, 0, 0, 0, 0);
}
