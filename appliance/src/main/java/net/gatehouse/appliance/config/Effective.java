package net.gatehouse.appliance.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;

/**
 * The values in effect for an object: what it sets, else what its parent ({@code defaults-from})
 * has in effect, else F5's default. This is what {@code all-properties}, iControl GET and the
 * typed views show. An object's values are worked out once per {@code Effective}: a profile that
 * hundreds of virtuals use, and the parents it inherits from, are merged once.
 */
public final class Effective {

    private final Snapshot snapshot;
    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

    /** The values in effect for one object, as worked out for that very instance. */
    private record Resolved(ConfigObject object, Body body) {
    }

    public Effective(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * Every property in effect, defaults filled in. The root built-in of a kind ({@code clientssl})
     * inherits from nothing: its {@code defaults-from} is {@code none} even when a loaded stanza of it
     * does not say so, never itself.
     */
    public Body body(ConfigObject object) {
        String key = object.type().path() + ' ' + object.fullPath();
        Resolved known = resolved.get(key);
        if (known != null && known.object() == object) {
            return known.body();
        }
        Body body = merge(object.type().properties(), object.body(), parentBody(object));
        Optional<String> parentProperty = object.type().parent();
        if (parentProperty.isPresent() && body.text(parentProperty.get()).filter(object.fullPath()::equals).isPresent()) {
            body = body.with(parentProperty.get(), new Value.Text("none"));
        }
        resolved.put(key, new Resolved(object, body));
        return body;
    }

    /** The body the object inherits from, or empty when it has no parent. */
    public Optional<Body> parentBody(ConfigObject object) {
        ComponentType type = object.type();
        if (type.parent().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> parent = object.body().text(type.parent().get());
        if (parent.isEmpty()) {
            parent = type.property(type.parent().get()).flatMap(Property::defaultValue);
        }
        if (parent.isEmpty() || parent.get().equals("none") || parent.get().equals(object.fullPath())) {
            return Optional.empty();
        }
        return snapshot.get(type, parent.get()).map(this::body);
    }

    private static Body merge(List<Property> properties, Body own, Optional<Body> inherited) {
        TreeMap<String, Value> values = new TreeMap<>();
        for (Property property : properties) {
            Optional<Value> value = own.get(property.name());
            Optional<Value> fromParent = inherited.flatMap(b -> b.get(property.name()));
            if (property.shape() instanceof Shape.Block block) {
                Body ownBlock = value.map(v -> ((Value.Block) v).body()).orElse(Body.EMPTY);
                Optional<Body> parentBlock = fromParent.map(v -> ((Value.Block) v).body());
                values.put(property.name(), new Value.Block(merge(block.properties(), ownBlock, parentBlock)));
            } else if (property.shape() instanceof Shape.Collection) {
                value.ifPresent(v -> values.put(property.name(), withItemDefaults(property, (Value.Items) v)));
            } else if (value.isPresent()) {
                values.put(property.name(), value.get());
            } else if (fromParent.isPresent() && !property.name().equals("defaults-from")) {
                values.put(property.name(), fromParent.get());
            } else {
                property.defaultValue().ifPresent(d -> values.put(property.name(), new Value.Text(d)));
            }
        }
        return Body.of(values);
    }

    private static Value withItemDefaults(Property property, Value.Items items) {
        Shape.Collection shape = (Shape.Collection) property.shape();
        if (shape.itemProperties().isEmpty()) {
            return items;
        }
        return new Value.Items(items.items().stream()
                .map(item -> new Item(item.name(), merge(shape.itemProperties(), item.body(), Optional.empty())))
                .toList());
    }
}
