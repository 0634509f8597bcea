package net.gatehouse.appliance.dataplane.stats;

/**
 * One http profile's counters at one moment, summed over every virtual that uses it. REST stats
 * answer them under BIG-IP's keys ({@code numberReqs}, {@code getReqs}, {@code resp_2xxCnt},
 * {@code maxKeepaliveReq} ...); {@code show ltm profile http} prints them.
 *
 * @param requests            requests whose head the profile accepted
 * @param maxKeepaliveRequests the most requests one client connection has carried
 * @param webSockets          connections that switched to byte forwarding after {@code 101 Switching Protocols}
 */
public record HttpProfileStats(long requests, long getRequests, long postRequests, long v9Requests,
        long v10Requests, long v11Requests, long maxKeepaliveRequests, long v9Responses, long v10Responses,
        long v11Responses, long responses2xx, long responses3xx, long responses4xx, long responses5xx,
        long webSockets) {

    /** A profile no traffic has used yet. */
    public static final HttpProfileStats NONE = new HttpProfileStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
