package net.gatehouse.appliance.command;

import java.util.List;
import net.gatehouse.appliance.config.Snapshot;

/** A committed change: the new snapshot, who made it, and what changed. Published to subscribers. */
public record Commit(Snapshot snapshot, Principal principal, List<Change> changes, String tmsh) {

    public Commit {
        changes = List.copyOf(changes);
    }

    public long generation() {
        return snapshot.generation();
    }
}
