package net.gatehouse.appliance.persist;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import net.gatehouse.appliance.lb.Ticker;

/**
 * The runtime table of persistence records, shared by every connection of one data plane: a
 * concurrent map (lookups take no lock), records that expire after their timeout without use on
 * the data plane's clock, and a size cap past which no new record is made (the connection is
 * still balanced; the refusal is counted). Every record added or removed is reported to the
 * {@link SessionCounter}.
 */
public final class PersistTable {

    /** BIG-IP keeps records in TMM memory; this is the cap of one table here. */
    public static final int DEFAULT_CAPACITY = 1_000_000;

    private final Map<PersistKey, Entry> records = new ConcurrentHashMap<>();
    private final Ticker ticker;
    private final int capacity;
    private final SessionCounter sessions;
    private final LongAdder refused = new LongAdder();

    /** A record with its last use on the table's clock. */
    private static final class Entry {
        private final PersistRecord record;
        private final long timeoutNanos;
        private volatile long lastUsedNanos;
        private volatile String client;

        Entry(PersistRecord record, long lastUsedNanos) {
            this.record = record;
            this.timeoutNanos = TimeUnit.SECONDS.toNanos(record.timeoutSeconds());
            this.lastUsedNanos = lastUsedNanos;
            this.client = record.client();
        }

        boolean expired(long nowNanos) {
            return timeoutNanos > 0 && nowNanos - lastUsedNanos >= timeoutNanos;
        }

        PersistRecord view(long nowNanos) {
            PersistRecord r = record;
            return new PersistRecord(r.mode(), r.key(), r.scope(), r.virtual(), r.virtualAddress(), r.pool(),
                    r.member(), r.nodeAddress(), r.nodePort(), client,
                    TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nowNanos - lastUsedNanos)), r.timeoutSeconds());
        }
    }

    public PersistTable(Ticker ticker, int capacity, SessionCounter sessions) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a persistence table holds at least one record, not " + capacity);
        }
        this.ticker = ticker;
        this.capacity = capacity;
        this.sessions = sessions;
    }

    /**
     * The live record for a key, marked used now by {@code client}; an expired one is removed and
     * not returned.
     */
    public Optional<PersistRecord> use(PersistKey key, String client) {
        Entry entry = records.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        long now = ticker.nanos();
        if (entry.expired(now)) {
            remove(key, entry);
            return Optional.empty();
        }
        entry.lastUsedNanos = now;
        entry.client = client;
        return Optional.of(entry.view(now));
    }

    /**
     * Stores a record (age 0 now), replacing any record of the same key.
     *
     * @return false when the table is full and the record was not stored
     */
    public boolean put(PersistRecord record) {
        return put(record, ticker.nanos());
    }

    private boolean put(PersistRecord record, long lastUsedNanos) {
        PersistKey key = record.persistKey();
        if (!records.containsKey(key) && records.size() >= capacity) {
            expire();
            if (records.size() >= capacity) {
                refused.increment();
                return false;
            }
        }
        Entry added = new Entry(record, lastUsedNanos);
        Entry replaced = records.put(key, added);
        if (replaced != null) {
            sessions.add(replaced.record.pool(), replaced.record.member(), -1);
        }
        sessions.add(record.pool(), record.member(), 1);
        return true;
    }

    /** Removes the record of a key (its member is no longer fit for it). */
    public void remove(PersistKey key) {
        Entry entry = records.get(key);
        if (entry != null) {
            remove(key, entry);
        }
    }

    private void remove(PersistKey key, Entry entry) {
        if (records.remove(key, entry)) {
            sessions.add(entry.record.pool(), entry.record.member(), -1);
        }
    }

    /** Removes every record whose timeout has passed; the data plane calls this once a second. */
    public void expire() {
        long now = ticker.nanos();
        records.forEach((key, entry) -> {
            if (entry.expired(now)) {
                remove(key, entry);
            }
        });
    }

    /** The live records, ordered by mode, key and scope (a stable order for {@code show} and export). */
    public List<PersistRecord> list() {
        long now = ticker.nanos();
        List<PersistRecord> live = new ArrayList<>();
        records.forEach((key, entry) -> {
            if (!entry.expired(now)) {
                live.add(entry.view(now));
            }
        });
        live.sort(Comparator.comparing((PersistRecord r) -> r.mode().word()).thenComparing(PersistRecord::key)
                .thenComparing(PersistRecord::scope));
        return live;
    }

    /** {@code delete ltm persistence persist-records}: removes the matching records; returns how many. */
    public int delete(Predicate<PersistRecord> which) {
        long now = ticker.nanos();
        int deleted = 0;
        for (Map.Entry<PersistKey, Entry> e : records.entrySet()) {
            if (which.test(e.getValue().view(now)) && records.remove(e.getKey(), e.getValue())) {
                sessions.add(e.getValue().record.pool(), e.getValue().record.member(), -1);
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Takes records exported by another appliance (HA): each keeps the age it had there, so it
     * expires here when it would have there; records already expired are skipped.
     *
     * @return how many were stored
     */
    public int importRecords(List<PersistRecord> exported) {
        long now = ticker.nanos();
        int stored = 0;
        for (PersistRecord record : exported) {
            long ageNanos = TimeUnit.SECONDS.toNanos(record.ageSeconds());
            if (record.timeoutSeconds() > 0 && record.ageSeconds() >= record.timeoutSeconds()) {
                continue;
            }
            if (put(record, now - ageNanos)) {
                stored++;
            }
        }
        return stored;
    }

    public int size() {
        return records.size();
    }

    /** New records not stored because the table was full. */
    public long refused() {
        return refused.sum();
    }
}
