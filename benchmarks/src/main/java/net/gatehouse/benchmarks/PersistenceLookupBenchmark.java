package net.gatehouse.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.persist.BigipCookie;
import net.gatehouse.appliance.persist.PersistKey;
import net.gatehouse.appliance.persist.PersistMode;
import net.gatehouse.appliance.persist.PersistRecord;
import net.gatehouse.appliance.persist.PersistTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The persistence lookups a connection or request makes: a source-address record found (hit) or
 * not (miss) in a table of 1,000 or 1,000,000 records, a record stored, and a BIGipServer cookie
 * decoded and encoded. Run by hand: docs/benchmarks.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PersistenceLookupBenchmark {

    private static final String SCOPE = "/Common/web_pool";

    @Param({"1000", "1000000"})
    public int records;

    private PersistTable table;
    private PersistKey[] present;
    private PersistKey[] absent;
    private String[] clients;
    private int next;
    private long clock;
    private InetAddress member;
    private String cookie;

    @Setup
    public void setUp() throws UnknownHostException {
        table = new PersistTable(() -> clock, records, (pool, memberPath, delta) -> { });
        present = new PersistKey[Integer.highestOneBit(Math.min(records, 65_536))];
        absent = new PersistKey[present.length];
        clients = new String[present.length];
        for (int i = 0; i < records; i++) {
            String client = clientAddress(i);
            table.put(record(client));
            if (i < present.length) {
                present[i] = new PersistKey(PersistMode.SOURCE_ADDRESS, client, SCOPE);
                clients[i] = client;
            }
        }
        for (int i = 0; i < absent.length; i++) {
            absent[i] = new PersistKey(PersistMode.SOURCE_ADDRESS, "172.16." + (i >> 8 & 255) + "." + (i & 255),
                    SCOPE);
        }
        member = InetAddress.getByName("10.1.20.11");
        cookie = BigipCookie.encode(member, 80);
    }

    @Benchmark
    public Optional<PersistRecord> lookupHit() {
        int i = next++ & (present.length - 1);
        return table.use(present[i], clients[i]);
    }

    @Benchmark
    public Optional<PersistRecord> lookupMiss() {
        return table.use(absent[next++ & (absent.length - 1)], "172.16.0.1");
    }

    @Benchmark
    public boolean store() {
        int i = next++ & (present.length - 1);
        return table.put(record(clients[i]));
    }

    @Benchmark
    public Optional<BigipCookie.Target> cookieDecode() {
        return BigipCookie.decode(cookie);
    }

    @Benchmark
    public String cookieEncode() {
        return BigipCookie.encode(member, 80);
    }

    private static PersistRecord record(String client) {
        return new PersistRecord(PersistMode.SOURCE_ADDRESS, client, SCOPE, "/Common/web_vs", "10.1.10.100:80",
                SCOPE, "/Common/10.1.20.11:80", "10.1.20.11", 80, client, 0, 180);
    }

    private static String clientAddress(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }
}
