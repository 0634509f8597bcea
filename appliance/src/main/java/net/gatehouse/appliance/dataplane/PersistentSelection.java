package net.gatehouse.appliance.dataplane;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.gatehouse.appliance.persist.PersistContext;
import net.gatehouse.appliance.persist.PersistKey;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistProfile;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.appliance.persist.PersistTable;
import net.gatehouse.appliance.persist.VirtualPersistence;
import net.gatehouse.appliance.persist.irule.RuleDecision;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.view.LtmView;

/**
 * Member selection with persistence, as BIG-IP does it for a new connection: the virtual's
 * default method gives a key (else its {@code fallback-persistence} does); a live record for the
 * key sends the connection to its member while that member keeps persisted clients (a disabled,
 * draining member does; one forced offline or down does not, and its clients are balanced and
 * persisted again). Without a record, the pool balances (or CARP chooses) and a record is made.
 * Without a key from either method, the pool balances.
 */
final class PersistentSelection {

    private final PersistTable table;

    PersistentSelection(PersistTable table) {
        this.table = table;
    }

    /** A member chosen for a connection, and the persistence key it was chosen under (if any). */
    record Choice(PoolState.Taken taken, Optional<Persisted> persisted) {
    }

    /** What a connection persists on, so a reselect after a failed connect can move the record. */
    record Persisted(PersistProfile profile, PersistKey key, String client, long timeoutSeconds) {
    }

    /**
     * Chooses and takes a member for a new connection (or, under oneconnect, a request); null when
     * none can take it. What persistence reads of the connection is only gathered when the virtual
     * has a persistence method.
     */
    Choice select(VirtualState.Plan plan, VirtualPersistence persistence, PoolState pool,
            Supplier<PersistContext> facts, HealthView health, long nowNanos) {
        List<PersistProfile> methods = persistence.inOrder();
        PersistContext connection = methods.isEmpty() ? null : facts.get();
        for (int i = 0; i < methods.size(); i++) {
            PersistProfile profile = methods.get(i);
            Optional<PersistProfile.Key> key = profile.key(connection);
            if (key.isPresent()) {
                return keyed(plan, profile, key.get(), pool, connection, health, nowNanos);
            }
        }
        return balanced(pool, health, nowNanos);
    }

    /**
     * As {@link #select(VirtualState.Plan, VirtualPersistence, PoolState, Supplier, HealthView, long)},
     * after the virtual's iRules chose the persistence: their {@code persist uie|hash} key is used
     * with the settings (timeout, scope, CARP) of the virtual's profile of that method, or of the
     * built-in {@code universal} or {@code hash} profile when it has none; {@code persist none}
     * balances; without a {@code persist} command the profiles decide.
     */
    Choice select(VirtualState.Plan plan, VirtualPersistence persistence, RuleDecision.Persistence chosen,
            PoolState pool, Supplier<PersistContext> facts, HealthView health, long nowNanos) {
        if (chosen instanceof RuleDecision.Keyed keyed) {
            PersistProfile profile = persistence.inOrder().stream().filter(p -> p.mode() == keyed.mode()).findFirst()
                    .orElseGet(() -> builtIn(keyed.mode()));
            return keyed(plan, profile, new PersistProfile.Key(keyed.key(),
                    keyed.timeoutSeconds().orElse(profile.timeoutSeconds())), pool, facts.get(), health, nowNanos);
        }
        if (chosen instanceof RuleDecision.Disabled) {
            return balanced(pool, health, nowNanos);
        }
        return select(plan, persistence, pool, facts, health, nowNanos);
    }

    /** BIG-IP's built-in {@code /Common/universal} or {@code /Common/hash} profile (timeout 180, no matching across). */
    private static PersistProfile builtIn(PersistMode mode) {
        return new PersistProfile("/Common/" + (mode == PersistMode.HASH ? "hash" : "universal"), mode, 180,
                Optional.empty(), false, false, false, false, false, Optional.empty(), Optional.empty());
    }

    private Choice keyed(VirtualState.Plan plan, PersistProfile profile, PersistProfile.Key key, PoolState pool,
            PersistContext connection, HealthView health, long nowNanos) {
        LtmView.Virtual virtual = plan.virtual();
        PersistKey persistKey = new PersistKey(profile.mode(), key.value(),
                profile.scope(virtual.fullPath(), virtual.address(), pool.fullPath()));
        Persisted persisted = new Persisted(profile, persistKey, connection.client().getAddress().getHostAddress(),
                key.timeoutSeconds());
        Optional<PersistRecord> record = table.use(persistKey, persisted.client());
        if (record.isPresent()) {
            MemberState member = pool.member(record.get().nodeAddress(), record.get().nodePort());
            if (member != null && PoolState.keepsPersistedClients(member, health)) {
                PoolState.Taken taken = PoolState.take(member, profile.overrideConnectionLimit());
                if (taken != null) {
                    return new Choice(taken, Optional.of(persisted));
                }
            }
        }
        PoolState.Taken taken = profile.carp() ? pool.selectCarp(key.value(), health)
                : pool.select(health, nowNanos, null);
        if (taken == null) {
            return null;
        }
        persist(persisted, plan, pool, taken);
        return new Choice(taken, Optional.of(persisted));
    }

    private static Choice balanced(PoolState pool, HealthView health, long nowNanos) {
        PoolState.Taken taken = pool.select(health, nowNanos, null);
        return taken == null ? null : new Choice(taken, Optional.empty());
    }

    /** Records (or moves) a key's record to the member a connection now uses. */
    void persist(Persisted persisted, VirtualState.Plan plan, PoolState pool, PoolState.Taken taken) {
        LtmView.Virtual virtual = plan.virtual();
        LtmView.Member member = taken.configured().member();
        PersistKey key = persisted.key();
        table.put(new PersistRecord(key.mode(), key.key(), key.scope(), virtual.fullPath(),
                Destinations.of(virtual.address(), virtual.port()), pool.fullPath(), member.fullPath(),
                member.address(), member.port(), persisted.client(), 0, persisted.timeoutSeconds()));
    }

    /** How BIG-IP writes an address and port: {@code 10.0.0.1:80}, {@code 2001:db8::1.80}. */
    static final class Destinations {
        private Destinations() {
        }

        static String of(String address, int port) {
            return address + (address.contains(":") ? "." : ":") + port;
        }
    }
}
