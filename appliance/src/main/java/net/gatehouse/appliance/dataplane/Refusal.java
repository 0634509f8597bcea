package net.gatehouse.appliance.dataplane;

/** Why a new client connection was refused (reset), each counted by the data plane. */
public enum Refusal {
    VIRTUAL_DISABLED("virtual server disabled"),
    VIRTUAL_CONNECTION_LIMIT("virtual server connection limit"),
    NO_POOL("virtual server has no pool"),
    NO_MEMBER_AVAILABLE("no pool member available"),
    SERVER_CONNECT_FAILED("server-side connection failed"),
    FILE_DESCRIPTORS("out of file descriptors"),
    MEMORY("out of memory");

    private final String reason;

    Refusal(String reason) {
        this.reason = reason;
    }

    /** The words {@code show} and the logs use. */
    public String reason() {
        return reason;
    }
}
