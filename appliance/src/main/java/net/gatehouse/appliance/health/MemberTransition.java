package net.gatehouse.appliance.health;

import net.gatehouse.appliance.runtime.HealthStatus;

/**
 * A pool member's status changed. The data plane applies the pool's {@code service-down-action}
 * ({@code none}, {@code reset}, {@code drop}, {@code reselect}) to existing connections when a member
 * stops taking traffic.
 */
public record MemberTransition(String poolPath, String memberPath, HealthStatus from, HealthStatus to,
        String serviceDownAction) {

    public boolean wentDown() {
        return from.availability().takesTraffic() && !to.availability().takesTraffic();
    }
}
