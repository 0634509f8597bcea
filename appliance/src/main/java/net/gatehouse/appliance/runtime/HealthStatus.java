package net.gatehouse.appliance.runtime;

/**
 * What {@code show} and REST stats say of a member, node, pool or virtual: its availability, its
 * enabled state ({@code enabled}, {@code disabled}) and the reason in BIG-IP's words
 * ({@code Pool member is available}, {@code /Common/http: Unable to connect @2026/11/29 08:00:00. }).
 */
public record HealthStatus(Availability availability, boolean enabled, String reason) {

    /** {@code status.enabledState}. */
    public String enabledState() {
        return enabled ? "enabled" : "disabled";
    }

    /** Whether new connections may be sent to it: available or unchecked, and enabled. */
    public boolean takesNewConnections() {
        return enabled && availability.takesTraffic();
    }
}
