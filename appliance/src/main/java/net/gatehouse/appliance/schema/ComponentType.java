package net.gatehouse.appliance.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.config.Body;

/**
 * One kind of configuration object (ltm pool, ltm profile http, ...), described as data.
 *
 * @param path        the tmsh words that name it: {@code ltm pool}, {@code ltm profile http}
 * @param family      the namespace its names live in
 * @param label       how BIG-IP's messages call it: {@code Pool}, {@code Virtual Server}
 * @param partitioned whether names are full paths ({@code /Common/web}); {@code sys db} names are not
 * @param properties  every property BIG-IP has, with F5's defaults
 * @param parent      the property naming the object this one inherits from ({@code defaults-from})
 * @param builtins    the objects a fresh appliance has, which cannot be deleted
 * @param fixed       whether the set of objects is fixed (sys db): they can be modified, never created or deleted
 * @param singleton   whether there is exactly one object, written without a name ({@code sys global-settings { }})
 */
public record ComponentType(String path, Family family, String label, boolean partitioned,
        List<Property> properties, Optional<String> parent, List<Builtin> builtins, boolean fixed,
        boolean singleton) {

    public ComponentType {
        properties = List.copyOf(properties);
        builtins = List.copyOf(builtins);
    }

    /** A built-in object: its name and the properties that differ from the schema defaults. */
    public record Builtin(String name, Body body) {
    }

    public Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Property> propertyByRestName(String restName) {
        return properties.stream().filter(p -> p.restName().equals(restName)).findFirst();
    }

    /** {@code tm:ltm:pool:poolstate}, as iControl REST writes an object's kind. */
    public String restKind() {
        String[] words = path.split(" ");
        return "tm:" + String.join(":", words) + ":" + words[words.length - 1] + "state";
    }

    /** {@code tm:ltm:pool:poolcollectionstate}. */
    public String restCollectionKind() {
        String[] words = path.split(" ");
        return "tm:" + String.join(":", words) + ":" + words[words.length - 1] + "collectionstate";
    }

    /** {@code /mgmt/tm/ltm/pool}. */
    public String restPath() {
        return "/mgmt/tm/" + path.replace(' ', '/');
    }

    public boolean isBuiltin(String fullPath) {
        return builtins.stream().anyMatch(b -> builtinPath(b).equals(fullPath));
    }

    /** A built-in's full path: its name in {@code /Common}, unless the name is a full path itself ({@code /}). */
    public String builtinPath(Builtin builtin) {
        if (!partitioned || builtin.name().startsWith("/")) {
            return builtin.name();
        }
        return Paths.join(Paths.COMMON, builtin.name());
    }

    /** The name of the one object of a singleton ({@code sys global-settings}): the last word of its path. */
    public String singletonName() {
        return path.substring(path.lastIndexOf(' ') + 1);
    }

    /** A copy with one more property: how a property is added to a component. */
    public ComponentType withProperty(Property property) {
        List<Property> more = new ArrayList<>(properties);
        more.add(property);
        return new ComponentType(path, family, label, partitioned, more, parent, builtins, fixed, singleton);
    }

    public static Builder builder(String path, Family family, String label) {
        return new Builder(path, family, label);
    }

    /** Reads as the description of a component: properties one per line, then built-ins. */
    public static final class Builder {
        private final String path;
        private final Family family;
        private final String label;
        private boolean partitioned = true;
        private boolean fixed;
        private boolean singleton;
        private Optional<String> parent = Optional.empty();
        private final List<Property> properties = new ArrayList<>();
        private final List<Builtin> builtins = new ArrayList<>();

        private Builder(String path, Family family, String label) {
            this.path = path;
            this.family = family;
            this.label = label;
        }

        public Builder unpartitioned() {
            this.partitioned = false;
            return this;
        }

        /** The set of objects is fixed: they are modified, never created or deleted. */
        public Builder fixed() {
            this.fixed = true;
            return this;
        }

        /** Exactly one object, named by the last word of the path and written without a name. */
        public Builder singleton(Body body) {
            this.partitioned = false;
            this.fixed = true;
            this.singleton = true;
            builtins.add(new Builtin(path.substring(path.lastIndexOf(' ') + 1), body));
            return this;
        }

        public Builder inheritsThrough(String property) {
            this.parent = Optional.of(property);
            return this;
        }

        public Builder with(Property... more) {
            properties.addAll(List.of(more));
            return this;
        }

        public Builder with(List<Property> more) {
            properties.addAll(more);
            return this;
        }

        public Builder builtin(String name, Body body) {
            builtins.add(new Builtin(name, body));
            return this;
        }

        public ComponentType build() {
            return new ComponentType(path, family, label, partitioned, properties, parent, builtins, fixed,
                    singleton);
        }
    }
}
