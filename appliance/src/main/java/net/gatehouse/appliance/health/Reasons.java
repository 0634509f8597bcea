package net.gatehouse.appliance.health;

/** BIG-IP's status reason texts ({@code status.statusReason} in REST, {@code Reason} in {@code show}). */
final class Reasons {

    static final String MEMBER_UNCHECKED = "Pool member does not have service checking enabled";
    static final String FORCED_DOWN = "Forced down";
    static final String MANUAL_RESUME = "Manual resume required.";
    static final String POOL_AVAILABLE = "The pool is available";
    static final String POOL_OFFLINE = "The children pool member(s) are down";
    static final String POOL_UNKNOWN = "The children pool member(s) either don't have service checking enabled,"
            + " or service check results are not available yet";
    static final String VIRTUAL_AVAILABLE = "The virtual server is available";
    static final String VIRTUAL_NO_POOL = "The virtual server does not have a default pool";

    /** The texts of members and of nodes. */
    record Of(String subject) {
        String available() {
            return subject + " is available";
        }

        String unchecked() {
            return subject + " does not have service checking enabled";
        }

        String userDisabled() {
            return subject + " is available, user disabled";
        }

        String monitorDisabled() {
            return subject + " is available, monitor disabled";
        }

        String checking() {
            return subject + " is being checked by a monitor";
        }
    }

    static final Of MEMBER = new Of("Pool member");
    static final Of NODE = new Of("Node address");

    private Reasons() {
    }
}
