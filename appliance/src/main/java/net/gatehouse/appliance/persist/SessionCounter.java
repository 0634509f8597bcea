package net.gatehouse.appliance.persist;

/**
 * Told when a record starts or stops pointing at a member, so the member's {@code sessions} count
 * (what least-sessions and ratio-session balance on) is the number of records that point at it.
 */
@FunctionalInterface
public interface SessionCounter {

    void add(String pool, String member, int delta);
}
