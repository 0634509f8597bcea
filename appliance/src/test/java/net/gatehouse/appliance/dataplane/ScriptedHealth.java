package net.gatehouse.appliance.dataplane;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.gatehouse.appliance.runtime.Availability;
import net.gatehouse.appliance.runtime.HealthView;

/** A health view a test sets member by member, in place of the monitors; nodes are unchecked. */
final class ScriptedHealth implements HealthView {

    private final Map<String, Availability> members = new ConcurrentHashMap<>();

    /** From now on the member (by its full path) is {@code availability} in every pool. */
    void put(String memberPath, Availability availability) {
        members.put(memberPath, availability);
    }

    @Override
    public Availability member(String poolPath, String memberPath) {
        return members.getOrDefault(memberPath, Availability.UNKNOWN);
    }

    @Override
    public Availability node(String nodePath) {
        return Availability.UNKNOWN;
    }
}
