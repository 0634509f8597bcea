package net.gatehouse.appliance.config;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.NameContext;
import net.gatehouse.appliance.schema.Schema;

/**
 * The whole configuration at one generation, immutable. Commits build a new snapshot from the
 * previous one; readers keep whichever snapshot they started with.
 */
public final class Snapshot {

    private final Schema schema;
    private final long generation;
    private final Map<String, NavigableMap<String, ConfigObject>> byKind;
    private final Map<Class<?>, Object> derived = new ConcurrentHashMap<>();

    private Snapshot(Schema schema, long generation, Map<String, NavigableMap<String, ConfigObject>> byKind) {
        this.schema = schema;
        this.generation = generation;
        this.byKind = byKind;
    }

    public static Snapshot empty(Schema schema) {
        return new Snapshot(schema, 0, Map.of());
    }

    public Schema schema() {
        return schema;
    }

    public long generation() {
        return generation;
    }

    /**
     * The view of kind {@code kind} compiled from this snapshot: compiled by {@code compile} the first
     * time it is asked for and kept, so every reader of one generation (the data plane, the monitors)
     * shares one. A snapshot never changes, so neither does what is compiled from it.
     */
    public <T> T derived(Class<T> kind, Function<Snapshot, T> compile) {
        return kind.cast(derived.computeIfAbsent(kind, k -> compile.apply(this)));
    }

    public Optional<ConfigObject> get(ComponentType type, String fullPath) {
        NavigableMap<String, ConfigObject> objects = byKind.get(type.path());
        return objects == null ? Optional.empty() : Optional.ofNullable(objects.get(fullPath));
    }

    /** The object of a family with that full path, whatever its component type. */
    public Optional<ConfigObject> find(Family family, String fullPath) {
        for (ComponentType type : schema.family(family)) {
            Optional<ConfigObject> found = get(type, fullPath);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public Collection<ConfigObject> all(ComponentType type) {
        NavigableMap<String, ConfigObject> objects = byKind.get(type.path());
        return objects == null ? List.of() : objects.values();
    }

    public Stream<ConfigObject> all() {
        return schema.types().stream().flatMap(type -> all(type).stream());
    }

    /** Resolves names as tmsh does from inside {@code folder}. */
    public NameContext names(String folder) {
        return new NameContext() {
            @Override
            public String folder() {
                return folder;
            }

            @Override
            public boolean exists(Family family, String fullPath) {
                return find(family, fullPath).isPresent();
            }

            @Override
            public Optional<String> nodeAddress(String nodeFullPath) {
                return find(Family.NODE, nodeFullPath).flatMap(node -> node.body().text("address"));
            }
        };
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A candidate configuration being assembled by a commit. */
    public static final class Builder {
        private final Schema schema;
        private final Map<String, NavigableMap<String, ConfigObject>> byKind = new HashMap<>();

        private Builder(Snapshot base) {
            this.schema = base.schema;
            base.byKind.forEach((kind, objects) -> byKind.put(kind, new TreeMap<>(objects)));
        }

        public Builder put(ConfigObject object) {
            byKind.computeIfAbsent(object.type().path(), k -> new TreeMap<>()).put(object.fullPath(), object);
            return this;
        }

        public Builder remove(ComponentType type, String fullPath) {
            NavigableMap<String, ConfigObject> objects = byKind.get(type.path());
            if (objects != null) {
                objects.remove(fullPath);
            }
            return this;
        }

        /**
         * A read-only view of the candidate as it stands, for derivation and validation. It is
         * live: later changes to the builder show through it, so it must not outlive the commit.
         */
        public Snapshot view() {
            return new Snapshot(schema, 0, Collections.unmodifiableMap(byKind));
        }

        /** The finished, immutable snapshot. */
        public Snapshot build(long generation) {
            Map<String, NavigableMap<String, ConfigObject>> frozen = new HashMap<>();
            byKind.forEach((kind, objects) -> frozen.put(kind, Collections.unmodifiableNavigableMap(
                    new TreeMap<>(objects))));
            return new Snapshot(schema, generation, Map.copyOf(frozen));
        }
    }
}
