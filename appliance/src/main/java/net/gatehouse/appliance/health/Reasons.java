package net.gatehouse.appliance.health;

import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthStatus;

/** BIG-IP's status reason texts ({@code status.statusReason} in REST, {@code Reason} in {@code show}). */
final class Reasons {

    static final String FORCED_DOWN = "Forced down";
    static final String MANUAL_RESUME = "Manual resume required.";
    static final String POOL_AVAILABLE = "The pool is available";
    static final String POOL_OFFLINE = "The children pool member(s) are down";
    static final String POOL_UNKNOWN = "The children pool member(s) either don't have service checking enabled,"
            + " or service check results are not available yet";
    static final String VIRTUAL_AVAILABLE = "The virtual server is available";
    static final String VIRTUAL_NO_POOL = "The virtual server does not have a default pool";

    /**
     * The texts of members and of nodes, made once (the data plane asks for a member's status on
     * every balancing decision).
     */
    static final class Of {
        private final String available;
        private final String unchecked;
        private final String userDisabled;
        private final String monitorDisabled;
        private final String checking;
        private final HealthStatus uncheckedEnabled;
        private final HealthStatus uncheckedDisabled;

        Of(String subject) {
            available = subject + " is available";
            unchecked = subject + " does not have service checking enabled";
            userDisabled = subject + " is available, user disabled";
            monitorDisabled = subject + " is available, monitor disabled";
            checking = subject + " is being checked by a monitor";
            uncheckedEnabled = new HealthStatus(Availability.UNKNOWN, true, unchecked);
            uncheckedDisabled = new HealthStatus(Availability.UNKNOWN, false, userDisabled);
        }

        String available() {
            return available;
        }

        String unchecked() {
            return unchecked;
        }

        String userDisabled() {
            return userDisabled;
        }

        String monitorDisabled() {
            return monitorDisabled;
        }

        String checking() {
            return checking;
        }

        /** The status of an object without a monitor: unknown, enabled or user disabled. */
        HealthStatus unmonitored(boolean enabled) {
            return enabled ? uncheckedEnabled : uncheckedDisabled;
        }
    }

    static final Of MEMBER = new Of("Pool member");
    static final Of NODE = new Of("Node address");

    private Reasons() {
    }
}
