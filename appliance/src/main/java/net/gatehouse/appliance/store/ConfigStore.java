package net.gatehouse.appliance.store;

import java.util.List;

/**
 * Where the running configuration lives: a generic table of objects and a commit log. A commit is
 * durable when {@link #commit} returns. Bodies are opaque canonical JSON here; the store knows no
 * component.
 */
public interface ConfigStore extends AutoCloseable {

    /** The generation of the last acknowledged commit (0 for an empty store). */
    long generation();

    /** Every stored object, at the current generation. */
    List<StoredObject> objects();

    /**
     * Applies a commit atomically: the objects are written, the deletions removed and the log row
     * added, all or nothing. The commit's generation must be {@link #generation()} + 1.
     */
    void commit(Commit commit);

    /** Commit-log rows with a generation at or above {@code fromGeneration}, oldest first, at most {@code limit}. */
    List<Commit> log(long fromGeneration, int limit);

    /** Records a refused change for the audit log; durable when it returns, as a commit is. */
    void refuse(Refusal refusal);

    /** Refused changes recorded at or after {@code fromEpochMillis}, oldest first, at most {@code limit}. */
    List<Refusal> refusals(long fromEpochMillis, int limit);

    @Override
    void close();

    /** A refused change: when, by whom, through which interface, what was attempted and why it was refused. */
    record Refusal(long epochMillis, String principal, String origin, String tmsh, String status) {
    }

    /** One object row: component path ({@code ltm pool}), full path, canonical body JSON and its generation. */
    record StoredObject(String kind, String fullPath, String body, long generation) {
    }

    /** An object removed by a commit. */
    record Deletion(String kind, String fullPath) {
    }

    /**
     * One commit: its generation, when, by whom, through which interface, the changeset (JSON), its
     * tmsh-equivalent text, and the object rows it writes and removes.
     */
    record Commit(long generation, long epochMillis, String principal, String origin, String changeset,
            String tmsh, List<StoredObject> writes, List<Deletion> deletions) {
        public Commit {
            writes = List.copyOf(writes);
            deletions = List.copyOf(deletions);
        }
    }
}
