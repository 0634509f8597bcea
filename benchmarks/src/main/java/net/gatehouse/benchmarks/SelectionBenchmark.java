package net.gatehouse.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import net.gatehouse.appliance.lb.BalancerState;
import net.gatehouse.appliance.lb.Candidates;
import net.gatehouse.appliance.lb.Mode;
import net.gatehouse.appliance.lb.PoolBalancer;
import net.gatehouse.appliance.lb.SlowRamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One selection (pick, take, and give the connection back) per mode, for a pool of 10 and of
 * 1,000 members with varied connections, ratios, sessions and response times. Run by hand:
 * docs/benchmarks.md.
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SelectionBenchmark {

    @Param({"ROUND_ROBIN", "RATIO_MEMBER", "RATIO_NODE", "RATIO_SESSION", "LEAST_CONNECTIONS_MEMBER",
        "LEAST_CONNECTIONS_NODE", "WEIGHTED_LEAST_CONNECTIONS_MEMBER", "WEIGHTED_LEAST_CONNECTIONS_NODE",
        "RATIO_LEAST_CONNECTIONS_MEMBER", "RATIO_LEAST_CONNECTIONS_NODE", "LEAST_SESSIONS", "FASTEST_NODE",
        "FASTEST_APP_RESPONSE", "OBSERVED_MEMBER", "OBSERVED_NODE", "PREDICTIVE_MEMBER", "PREDICTIVE_NODE",
        "DYNAMIC_RATIO_MEMBER", "DYNAMIC_RATIO_NODE"})
    public String mode;

    @Param({"10", "1000"})
    public int members;

    private Pool pool;
    private PoolBalancer balancer;
    private long now;

    @Setup
    public void setUp() {
        pool = new Pool(members);
        int[] weights = new int[members];
        for (int i = 0; i < members; i++) {
            weights[i] = 1 + i % 5;
        }
        balancer = new PoolBalancer(Mode.valueOf(mode), weights, new int[members], 0, 0, new BalancerState());
    }

    @Benchmark
    public int select() {
        now += 1_000;
        int index = balancer.select(pool, now);
        pool.connections[index]--;
        return index;
    }

    /** A pool whose members all take traffic, with varied live state. */
    static final class Pool implements Candidates {
        final long[] connections;
        final long[] sessions;
        final long[] response;
        final SlowRamp[] ramps;

        Pool(int size) {
            connections = new long[size];
            sessions = new long[size];
            response = new long[size];
            ramps = new SlowRamp[size];
            for (int i = 0; i < size; i++) {
                connections[i] = i % 7;
                sessions[i] = i % 3;
                response[i] = 1_000_000L + (i * 7919L) % 500_000L;
                ramps[i] = new SlowRamp();
            }
            Arrays.fill(connections, 0, Math.min(size, 3), 5);
        }

        @Override
        public int size() {
            return connections.length;
        }

        @Override
        public boolean available(int index) {
            return true;
        }

        @Override
        public boolean full(int index) {
            return false;
        }

        @Override
        public boolean tryTake(int index) {
            connections[index]++;
            return true;
        }

        @Override
        public long connections(int index) {
            return connections[index];
        }

        @Override
        public long nodeConnections(int index) {
            return connections[index] + index % 4;
        }

        @Override
        public long connectionLimit(int index) {
            return 100 + index;
        }

        @Override
        public long nodeConnectionLimit(int index) {
            return 200 + index;
        }

        @Override
        public long sessions(int index) {
            return sessions[index];
        }

        @Override
        public long responseNanos(int index) {
            return response[index];
        }

        @Override
        public long nodeResponseNanos(int index) {
            return response[(index + 1) % response.length];
        }

        @Override
        public SlowRamp ramp(int index) {
            return ramps[index];
        }
    }
}
