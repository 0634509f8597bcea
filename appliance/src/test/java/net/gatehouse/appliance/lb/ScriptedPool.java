package net.gatehouse.appliance.lb;

import java.util.Arrays;

/**
 * A pool's live state for selection tests, set by hand: per member its connections (and those its
 * node carries for other pools), limits, sessions, response times, availability and slow ramp.
 * Taking a connection counts it on the member and its node, and (as a new persisted client would)
 * adds a session when {@link #sessionPerConnection} is set.
 */
final class ScriptedPool implements Candidates {

    final long[] connections;
    final long[] otherPoolsOnNode;
    final long[] limits;
    final long[] nodeLimits;
    final long[] sessions;
    final long[] responseNanos;
    final long[] nodeResponseNanos;
    final boolean[] available;
    final SlowRamp[] ramps;
    boolean sessionPerConnection;

    ScriptedPool(int size) {
        connections = new long[size];
        otherPoolsOnNode = new long[size];
        limits = new long[size];
        nodeLimits = new long[size];
        sessions = new long[size];
        responseNanos = new long[size];
        nodeResponseNanos = new long[size];
        available = new boolean[size];
        Arrays.fill(available, true);
        ramps = new SlowRamp[size];
        for (int i = 0; i < size; i++) {
            ramps[i] = new SlowRamp();
        }
    }

    @Override
    public int size() {
        return connections.length;
    }

    @Override
    public boolean available(int index) {
        return available[index];
    }

    @Override
    public boolean full(int index) {
        return limits[index] > 0 && connections[index] >= limits[index]
                || nodeLimits[index] > 0 && nodeConnections(index) >= nodeLimits[index];
    }

    @Override
    public boolean tryTake(int index) {
        if (full(index)) {
            return false;
        }
        connections[index]++;
        if (sessionPerConnection) {
            sessions[index]++;
        }
        return true;
    }

    @Override
    public long connections(int index) {
        return connections[index];
    }

    @Override
    public long nodeConnections(int index) {
        return connections[index] + otherPoolsOnNode[index];
    }

    @Override
    public long connectionLimit(int index) {
        return limits[index];
    }

    @Override
    public long nodeConnectionLimit(int index) {
        return nodeLimits[index];
    }

    @Override
    public long sessions(int index) {
        return sessions[index];
    }

    @Override
    public long responseNanos(int index) {
        return responseNanos[index];
    }

    @Override
    public long nodeResponseNanos(int index) {
        return nodeResponseNanos[index];
    }

    @Override
    public SlowRamp ramp(int index) {
        return ramps[index];
    }
}
