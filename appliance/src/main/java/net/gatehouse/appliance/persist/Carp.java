package net.gatehouse.appliance.persist;

import java.nio.charset.StandardCharsets;

/**
 * The Cache Array Routing Protocol's hash: each (key, member) pair scores, and the key goes to the
 * highest-scoring member that can take it. Every appliance that sees the same members chooses the
 * same member with no shared table, and removing a member moves only the keys it had.
 */
public final class Carp {

    private Carp() {
    }

    /** The score of a member (its {@code address:port}) for a key. */
    public static long score(String key, String member) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (key + "\u0000" + member).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
