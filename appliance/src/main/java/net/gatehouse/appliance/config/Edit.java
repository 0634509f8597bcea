package net.gatehouse.appliance.config;

import java.util.List;

/**
 * One change to a property, the common language of all three syntaxes: tmsh lines, bigip.conf
 * stanzas and iControl JSON are all read into edits, and one applier turns edits into a body.
 */
public sealed interface Edit {

    String property();

    /** Sets a scalar or flag property to a canonical value. */
    record SetText(String property, String value) implements Edit {
    }

    /** Changes properties inside a nested block; {@code replace} starts from an empty block. */
    record SetBlock(String property, List<Edit> edits, boolean replace) implements Edit {
        public SetBlock {
            edits = List.copyOf(edits);
        }
    }

    /** A tmsh collection operator applied to named items. */
    record Collection(String property, Operation operation, List<ItemEdit> items) implements Edit {
        public Collection {
            items = List.copyOf(items);
        }
    }

    /** The collection operators tmsh knows; a bare {@code { ... }} or {@code none} replaces. */
    enum Operation {
        ADD, DELETE, MODIFY, REPLACE
    }

    /** The edits to one item of a collection, or to every item ({@code members modify { all { ... } }}). */
    record ItemEdit(String name, List<Edit> edits) {
        /** The name no item can have that stands for every item; tmsh writes it {@code all}. */
        private static final String EVERY_ITEM = "\u0000all";

        public ItemEdit {
            edits = List.copyOf(edits);
        }

        public static ItemEdit everyItem(List<Edit> edits) {
            return new ItemEdit(EVERY_ITEM, edits);
        }

        public boolean isEveryItem() {
            return name.equals(EVERY_ITEM);
        }
    }
}
