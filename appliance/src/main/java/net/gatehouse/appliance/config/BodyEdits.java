package net.gatehouse.appliance.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The edits that build a body from nothing: how a stored body is replayed as a command. */
public final class BodyEdits {

    private BodyEdits() {
    }

    public static List<Edit> of(Body body) {
        List<Edit> edits = new ArrayList<>();
        for (Map.Entry<String, Value> entry : body.values().entrySet()) {
            Value value = entry.getValue();
            if (value instanceof Value.Text text) {
                edits.add(new Edit.SetText(entry.getKey(), text.text()));
            } else if (value instanceof Value.Block block) {
                edits.add(new Edit.SetBlock(entry.getKey(), of(block.body()), true));
            } else {
                List<Edit.ItemEdit> items = new ArrayList<>();
                for (Item item : ((Value.Items) value).items()) {
                    items.add(new Edit.ItemEdit(item.name(), of(item.body())));
                }
                edits.add(new Edit.Collection(entry.getKey(), Edit.Operation.REPLACE, items));
            }
        }
        return edits;
    }
}
