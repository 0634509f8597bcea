package net.gatehouse.appliance.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The properties of an object (or of a collection item, or of a nested block), keyed by their tmsh
 * name and kept in alphabetical order, which is the order BIG-IP prints them in.
 * Only explicitly set values are held; defaults come from the schema.
 */
public final class Body {

    public static final Body EMPTY = new Body(new TreeMap<>());

    private final Map<String, Value> values;

    private Body(TreeMap<String, Value> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Body of(Map<String, Value> values) {
        return values.isEmpty() ? EMPTY : new Body(new TreeMap<>(values));
    }

    /** A body of text values from alternating names and values: {@code texts("ratio", "2")}. */
    public static Body texts(String... namesAndValues) {
        TreeMap<String, Value> values = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], new Value.Text(namesAndValues[i + 1]));
        }
        return of(values);
    }

    public Optional<Value> get(String property) {
        return Optional.ofNullable(values.get(property));
    }

    public Optional<String> text(String property) {
        return get(property).filter(Value.Text.class::isInstance).map(v -> ((Value.Text) v).text());
    }

    public boolean has(String property) {
        return values.containsKey(property);
    }

    public Map<String, Value> values() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Body with(String property, Value value) {
        TreeMap<String, Value> copy = new TreeMap<>(values);
        copy.put(property, value);
        return new Body(copy);
    }

    public Body without(String property) {
        if (!values.containsKey(property)) {
            return this;
        }
        TreeMap<String, Value> copy = new TreeMap<>(values);
        copy.remove(property);
        return copy.isEmpty() ? EMPTY : new Body(copy);
    }

    public Body edit(Consumer<Map<String, Value>> editor) {
        TreeMap<String, Value> copy = new TreeMap<>(values);
        editor.accept(copy);
        return of(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
