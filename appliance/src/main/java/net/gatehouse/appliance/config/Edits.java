package net.gatehouse.appliance.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;

/** Applies edits to a body: the one place where tmsh operators, bigip.conf and JSON changes take effect. */
public final class Edits {

    private Edits() {
    }

    /**
     * @param properties the schema of the body
     * @param body       the current body
     * @param edits      what to change
     * @param owner      the full path of the object, for messages
     */
    public static Body apply(List<Property> properties, Body body, List<Edit> edits, String owner)
            throws ConfigError {
        Map<String, Value> values = new LinkedHashMap<>(body.values());
        for (Edit edit : edits) {
            Property property = properties.stream().filter(p -> p.name().equals(edit.property())).findFirst()
                    .orElseThrow(() -> ConfigError.general("unknown property " + edit.property() + " on " + owner));
            if (edit instanceof Edit.SetText set) {
                values.put(property.name(), new Value.Text(set.value()));
            } else if (edit instanceof Edit.SetBlock block) {
                Shape.Block shape = (Shape.Block) property.shape();
                Body current = block.replace() ? Body.EMPTY : blockBody(values.get(property.name()));
                Body next = apply(shape.properties(), current, block.edits(), owner);
                putOrRemove(values, property.name(), next.isEmpty() ? null : new Value.Block(next));
            } else if (edit instanceof Edit.Collection collection) {
                Shape.Collection shape = (Shape.Collection) property.shape();
                List<Item> next = applyItems(property, shape, items(values.get(property.name())), collection, owner);
                putOrRemove(values, property.name(), next.isEmpty() ? null : new Value.Items(next));
            }
        }
        return Body.of(values);
    }

    private static List<Item> applyItems(Property property, Shape.Collection shape, List<Item> current,
            Edit.Collection edit, String owner) throws ConfigError {
        List<Item> items = edit.operation() == Edit.Operation.REPLACE ? new ArrayList<>() : new ArrayList<>(current);
        for (Edit.ItemEdit itemEdit : edit.items()) {
            if (itemEdit.isEveryItem()) {
                everyItem(shape, items, edit.operation(), itemEdit, owner);
                continue;
            }
            Optional<Item> existing = items.stream().filter(i -> i.name().equals(itemEdit.name())).findFirst();
            switch (edit.operation()) {
                case ADD, REPLACE -> {
                    if (existing.isPresent()) {
                        if (edit.operation() == Edit.Operation.ADD) {
                            throw new ConfigError("01020066", "The requested " + itemLabel(property) + " ("
                                    + owner + " " + itemEdit.name() + ") already exists in partition "
                                    + Paths.partition(owner.startsWith("/") ? owner : Paths.COMMON) + ".");
                        }
                        items.remove(existing.get());
                    }
                    items.add(new Item(itemEdit.name(),
                            apply(shape.itemProperties(), Body.EMPTY, itemEdit.edits(), owner)));
                }
                case DELETE -> items.remove(existing.orElseThrow(() -> notFound(property, owner, itemEdit)));
                case MODIFY -> {
                    Item item = existing.orElseThrow(() -> notFound(property, owner, itemEdit));
                    items.set(items.indexOf(item), new Item(item.name(),
                            apply(shape.itemProperties(), item.body(), itemEdit.edits(), owner)));
                }
            }
        }
        if (!shape.ordered()) {
            items.sort(Comparator.comparing(Item::name));
        }
        return items;
    }

    /** {@code modify { all { ... } }} edits every item; {@code delete { all }} removes them all. */
    private static void everyItem(Shape.Collection shape, List<Item> items, Edit.Operation operation,
            Edit.ItemEdit itemEdit, String owner) throws ConfigError {
        if (operation == Edit.Operation.DELETE) {
            items.clear();
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            items.set(i, new Item(item.name(), apply(shape.itemProperties(), item.body(), itemEdit.edits(), owner)));
        }
    }

    private static ConfigError notFound(Property property, String owner, Edit.ItemEdit item) {
        return new ConfigError("01020036", "The requested " + itemLabel(property) + " (" + owner + " " + item.name()
                + ") was not found.");
    }

    private static String itemLabel(Property property) {
        return switch (property.name()) {
            case "members" -> "pool member";
            case "profiles" -> "profile";
            case "rules" -> "iRule";
            default -> property.name() + " item";
        };
    }

    private static Body blockBody(Value value) {
        return value instanceof Value.Block block ? block.body() : Body.EMPTY;
    }

    private static List<Item> items(Value value) {
        return value instanceof Value.Items items ? items.items() : List.of();
    }

    private static void putOrRemove(Map<String, Value> values, String name, Value value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
    }
}
