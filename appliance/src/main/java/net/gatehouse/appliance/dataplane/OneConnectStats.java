package net.gatehouse.appliance.dataplane;

/**
 * A {@code one-connect} profile's statistics ({@code show ltm profile one-connect}, REST {@code .../stats} through
 * {@code OneConnectProfileStatistics}; {@code expired} is shown by neither: BIG-IP has no such row).
 *
 * @param currentIdle idle server-side connections waiting to be reused now
 * @param maximumIdle the most that waited at once
 * @param reuses      requests sent on a reused server-side connection
 * @param opened      server-side connections opened by virtuals with the profile
 * @param expired     idle connections closed for {@code max-age}, {@code max-reuse} or the idle timeout
 */
public record OneConnectStats(String profile, long currentIdle, long maximumIdle, long reuses, long opened,
        long expired) {
}
