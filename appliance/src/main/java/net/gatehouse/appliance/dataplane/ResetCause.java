package net.gatehouse.appliance.dataplane;

/**
 * Why the data plane reset a connection, counted for {@code show net rst-cause} in BIG-IP's
 * words where BIG-IP has them. The first seven refuse a new connection; the last ends an idle one.
 */
public enum ResetCause {
    VIRTUAL_DISABLED("Virtual server disabled"),
    VIRTUAL_CONNECTION_LIMIT("Connection limit exceeded"),
    NO_POOL("No server selected"),
    NO_MEMBER_AVAILABLE("No pool member available"),
    SERVER_CONNECT_FAILED("Server connection failed"),
    FILE_DESCRIPTORS("Out of file descriptors"),
    MEMORY("Out of memory"),
    IDLE_TIMEOUT("Flow expired (sweeper)");

    private final String words;

    ResetCause(String words) {
        this.words = words;
    }

    /** The words {@code show net rst-cause} and the logs use. */
    public String words() {
        return words;
    }
}
