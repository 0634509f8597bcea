package net.gatehouse.appliance.persist;

/**
 * One persistence record: which key sends clients to which pool member, for how long. This is
 * also the stable form records are exported in for a standby appliance (HA), with the age in
 * seconds instead of a clock reading, so it means the same on another process.
 *
 * @param virtual        the virtual's full path the record was made on
 * @param virtualAddress the virtual's destination, {@code 10.1.10.100:80}
 * @param pool           the pool's full path
 * @param member         the member's full path ({@code /Common/10.1.20.11:80})
 * @param nodeAddress    the member's address
 * @param client         the address of the client that last used the record
 * @param ageSeconds     seconds since the record was last used
 * @param timeoutSeconds seconds without use before the record expires; 0 never
 */
public record PersistRecord(PersistMode mode, String key, String scope, String virtual, String virtualAddress,
        String pool, String member, String nodeAddress, int nodePort, String client, long ageSeconds,
        long timeoutSeconds) {

    public PersistKey persistKey() {
        return new PersistKey(mode, key, scope);
    }
}
