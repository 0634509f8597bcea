package net.gatehouse.appliance.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every component type the appliance knows, looked up by tmsh path or REST path. */
public final class Schema {

    private final Map<String, ComponentType> byPath = new LinkedHashMap<>();

    private Schema(Collection<ComponentType> types) {
        for (ComponentType type : types) {
            if (byPath.put(type.path(), type) != null) {
                throw new IllegalArgumentException("component described twice: " + type.path());
            }
        }
    }

    public static Schema of(Collection<ComponentType> types) {
        return new Schema(types);
    }

    /** The schema of every modelled component, as BIG-IP describes them. */
    public static Schema standard() {
        return StandardSchema.INSTANCE;
    }

    public Optional<ComponentType> type(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    public ComponentType require(String path) {
        return type(path).orElseThrow(() -> new IllegalArgumentException("no component " + path));
    }

    public Collection<ComponentType> types() {
        return byPath.values();
    }

    public List<ComponentType> family(Family family) {
        return byPath.values().stream().filter(t -> t.family().equals(family)).toList();
    }

    /** A copy in which one component is replaced by another description of it. */
    public Schema with(ComponentType replacement) {
        List<ComponentType> types = new ArrayList<>(byPath.values());
        types.replaceAll(t -> t.path().equals(replacement.path()) ? replacement : t);
        return new Schema(types);
    }

    /**
     * The component a tmsh line names, matching the longest path: {@code ltm profile http x} names
     * {@code ltm profile http}; {@code ltm pool x} names {@code ltm pool}.
     */
    public Optional<ComponentType> match(List<String> words, int start) {
        ComponentType best = null;
        int bestLength = 0;
        for (ComponentType type : byPath.values()) {
            String[] path = type.path().split(" ");
            if (path.length > bestLength && start + path.length <= words.size()) {
                boolean matches = true;
                for (int i = 0; i < path.length; i++) {
                    if (!path[i].equals(words.get(start + i))) {
                        matches = false;
                        break;
                    }
                }
                if (matches) {
                    best = type;
                    bestLength = path.length;
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
