package net.gatehouse.appliance.command;

import java.util.List;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.schema.ComponentType;

/** One configuration change; tmsh lines, REST calls and file loads all become these. */
public sealed interface Command {

    ComponentType type();

    String fullPath();

    /** Creates an object; it must not exist yet. */
    record Create(ComponentType type, String fullPath, List<Edit> edits) implements Command {
        public Create {
            edits = List.copyOf(edits);
        }
    }

    /** Changes an existing object. */
    record Modify(ComponentType type, String fullPath, List<Edit> edits) implements Command {
        public Modify {
            edits = List.copyOf(edits);
        }
    }

    /** Creates an object or replaces it whole (a bigip.conf stanza on merge, a REST PUT). */
    record Replace(ComponentType type, String fullPath, List<Edit> edits) implements Command {
        public Replace {
            edits = List.copyOf(edits);
        }
    }

    /** Deletes an object. */
    record Delete(ComponentType type, String fullPath) implements Command {
    }
}
