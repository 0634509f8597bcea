package net.gatehouse.appliance.dataplane;

import java.util.List;
import net.gatehouse.appliance.dataplane.stats.HttpProfileStats;
import net.gatehouse.appliance.dataplane.stats.TrafficStats;

/**
 * What {@code show} and REST stats read from the data plane: each object's status (BIG-IP's
 * availability word, enabled state and reason) and its counters.
 */
public final class Reports {

    private Reports() {
    }

    /** BIG-IP's {@code Status} block: {@code Availability}, {@code State}, {@code Reason}. */
    public record Status(String availability, String state, String reason) {
    }

    /** @param http requests and responses on the L7 path (all zero for an L4 virtual) */
    public record Virtual(String fullPath, String destination, Status status, TrafficStats clientSide,
            HttpStats http) {
    }

    public record Pool(String fullPath, Status status, int activeMembers, int totalMembers, int minActiveMembers,
            TrafficStats serverSide, HttpStats http, List<Member> members) {
        public Pool {
            members = List.copyOf(members);
        }
    }

    public record Member(String poolPath, String memberPath, String address, int port, Status status,
            TrafficStats serverSide, HttpStats http) {
    }

    public record Node(String fullPath, String address, Status status, TrafficStats serverSide, HttpStats http) {
    }

    /**
     * An http profile: how many virtual servers use it and its counters, summed over them.
     *
     * @param virtualServerCount the virtual servers whose {@code profiles} name it
     */
    public record HttpProfile(String fullPath, int virtualServerCount, HttpProfileStats stats) {
    }
}
