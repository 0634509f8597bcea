package net.gatehouse.appliance.runtime;

/** BIG-IP's availability of a member, node, pool or virtual, with the words {@code show} and REST use. */
public enum Availability {
    /** Green: a monitor says it is up. */
    AVAILABLE("available", "up"),
    /** Red: a monitor says it is down, or an admin forced it offline. */
    OFFLINE("offline", "down"),
    /** Blue: no monitor decides; traffic may go to it. */
    UNKNOWN("unknown", "unchecked"),
    /** Not yet decided by a monitor that is running. */
    CHECKING("unknown", "checking");

    private final String availabilityState;
    private final String memberState;

    Availability(String availabilityState, String memberState) {
        this.availabilityState = availabilityState;
        this.memberState = memberState;
    }

    /** {@code status.availabilityState} in REST stats, {@code Availability} in {@code show}. */
    public String availabilityState() {
        return availabilityState;
    }

    /** The member/node {@code state} word {@code list} and REST show ({@code up}, {@code down}, ...). */
    public String memberState() {
        return memberState;
    }

    /** Whether new connections may be sent to it. */
    public boolean takesTraffic() {
        return this == AVAILABLE || this == UNKNOWN;
    }
}
