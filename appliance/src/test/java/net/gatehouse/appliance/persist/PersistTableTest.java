package net.gatehouse.appliance.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The record table on an injected clock: timeouts, the size cap, sessions counts and HA export/import. */
class PersistTableTest {

    private final AtomicLong clock = new AtomicLong();
    private final Map<String, Integer> sessions = new TreeMap<>();
    private final SessionCounter counter = (pool, member, delta) -> sessions.merge(member, delta, Integer::sum);

    private static PersistRecord record(String key, String member, long timeoutSeconds) {
        return new PersistRecord(PersistMode.SOURCE_ADDRESS, key, "/Common/vs /Common/web", "/Common/vs",
                "10.1.10.100:80", "/Common/web", "/Common/" + member + ":80", member, 80, key, 0, timeoutSeconds);
    }

    private void at(long seconds) {
        clock.set(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void aRecordLivesWhileUsedAndExpiresAfterItsTimeoutWithoutUse() {
        PersistTable table = new PersistTable(clock::get, 10, counter);
        table.put(record("10.1.1.1", "10.1.20.11", 60));
        PersistKey key = record("10.1.1.1", "10.1.20.11", 60).persistKey();
        at(50);
        assertThat(table.use(key, "10.1.1.1")).isPresent();
        at(109);
        assertThat(table.use(key, "10.1.1.1")).as("used at 50 s: lives to 110 s").isPresent();
        at(169);
        table.expire();
        assertThat(table.size()).isZero();
        assertThat(sessions).containsEntry("/Common/10.1.20.11:80", 0);
    }

    @Test
    void anIndefiniteRecordNeverExpires() {
        PersistTable table = new PersistTable(clock::get, 10, counter);
        table.put(record("10.1.1.1", "10.1.20.11", 0));
        at(1_000_000);
        table.expire();
        assertThat(table.list()).singleElement().satisfies(r -> assertThat(r.ageSeconds()).isEqualTo(1_000_000));
    }

    @Test
    void pastTheSizeCapNoNewRecordIsMadeUntilOneExpires() {
        PersistTable table = new PersistTable(clock::get, 2, counter);
        assertThat(table.put(record("10.1.1.1", "10.1.20.11", 10))).isTrue();
        at(5);
        assertThat(table.put(record("10.1.1.2", "10.1.20.11", 10))).isTrue();
        assertThat(table.put(record("10.1.1.3", "10.1.20.12", 10))).isFalse();
        assertThat(table.put(record("10.1.1.2", "10.1.20.12", 10))).as("replacing is not growing").isTrue();
        assertThat(table.refused()).isEqualTo(1);
        at(10);
        assertThat(table.put(record("10.1.1.3", "10.1.20.12", 10))).as("the first expired").isTrue();
        assertThat(sessions).containsEntry("/Common/10.1.20.11:80", 0).containsEntry("/Common/10.1.20.12:80", 2);
    }

    @Test
    void exportedRecordsImportWithTheirAgeSoTheyExpireWhenTheyWouldHave() {
        PersistTable active = new PersistTable(clock::get, 10, counter);
        active.put(record("10.1.1.1", "10.1.20.11", 60));
        active.put(record("10.1.1.2", "10.1.20.12", 60));
        at(40);
        active.use(record("10.1.1.2", "10.1.20.12", 60).persistKey(), "10.1.1.2");
        at(50);
        List<PersistRecord> exported = active.list();
        assertThat(exported).extracting(PersistRecord::ageSeconds).containsExactly(50L, 10L);

        AtomicLong standbyClock = new AtomicLong(TimeUnit.SECONDS.toNanos(7_000));
        PersistTable standby = new PersistTable(standbyClock::get, 10, (pool, member, delta) -> { });
        assertThat(standby.importRecords(exported)).isEqualTo(2);
        assertThat(standby.list()).isEqualTo(exported);
        standbyClock.addAndGet(TimeUnit.SECONDS.toNanos(10));
        standby.expire();
        assertThat(standby.list()).extracting(PersistRecord::key).containsExactly("10.1.1.2");
    }

    @Test
    void deleteRemovesMatchingRecordsAndTheirSessions() {
        PersistTable table = new PersistTable(clock::get, 10, counter);
        table.put(record("10.1.1.1", "10.1.20.11", 60));
        table.put(record("10.1.1.2", "10.1.20.11", 60));
        assertThat(sessions).containsEntry("/Common/10.1.20.11:80", 2);
        assertThat(table.delete(r -> r.key().equals("10.1.1.1"))).isEqualTo(1);
        assertThat(sessions).containsEntry("/Common/10.1.20.11:80", 1);
    }
}
