package net.gatehouse.mgmt;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Schema;
import net.gatehouse.appliance.schema.Shape;

/**
 * What a {@code /mgmt/tm/...} URI names, read from the schema: the longest run of segments that
 * is a component ({@code ltm/profile/http} is {@code ltm profile http}), then optionally an object
 * ({@code ~Common~web}), a subcollection ({@code members}) and one of its items.
 */
sealed interface TmTarget {

    /** {@code /mgmt/tm/ltm}, {@code /mgmt/tm/ltm/profile}: the components under a module. */
    record Listing(List<String> words) implements TmTarget {
    }

    /** {@code /mgmt/tm/ltm/pool}. */
    record Collection(ComponentType type) implements TmTarget {
    }

    /** {@code /mgmt/tm/ltm/pool/~Common~web}, or a singleton's own URL ({@code /mgmt/tm/sys/dns}). */
    record Object(ComponentType type, String fullPath) implements TmTarget {
    }

    /** {@code /mgmt/tm/ltm/pool/~Common~web/members}. */
    record Subcollection(ComponentType type, String fullPath, Property property) implements TmTarget {
    }

    /** {@code /mgmt/tm/ltm/pool/~Common~web/members/~Common~10.0.0.1:80}; the item name as given. */
    record Item(ComponentType type, String fullPath, Property property, String item) implements TmTarget {
    }

    /** Reads a path below {@code /mgmt/tm/}; empty when it names nothing the schema knows. */
    static Optional<TmTarget> parse(Schema schema, String path) {
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        for (int length = segments.size(); length >= 1; length--) {
            Optional<ComponentType> type = schema.type(String.join(" ", segments.subList(0, length)));
            if (type.isPresent()) {
                return below(type.get(), segments.subList(length, segments.size()));
            }
        }
        String prefix = String.join(" ", segments) + " ";
        boolean module = schema.types().stream().anyMatch(t -> t.path().startsWith(prefix));
        return module ? Optional.of(new Listing(segments)) : Optional.empty();
    }

    private static Optional<TmTarget> below(ComponentType type, List<String> rest) {
        if (rest.isEmpty()) {
            // A singleton's URL is the object itself, as on BIG-IP: GET and PATCH /mgmt/tm/sys/global-settings.
            return Optional.of(type.singleton() ? new Object(type, type.singletonName()) : new Collection(type));
        }
        String fullPath = fullPath(type, rest.get(0));
        if (rest.size() == 1) {
            return Optional.of(new Object(type, fullPath));
        }
        Optional<Property> property = type.properties().stream()
                .filter(p -> p.shape() instanceof Shape.Collection c
                        && c.restSubcollection().filter(rest.get(1)::equals).isPresent())
                .findFirst();
        if (property.isEmpty() || rest.size() > 3) {
            return Optional.empty();
        }
        if (rest.size() == 2) {
            return Optional.of(new Subcollection(type, fullPath, property.get()));
        }
        return Optional.of(new Item(type, fullPath, property.get(), Paths.fromTilde(rest.get(2))));
    }

    /** {@code ~Common~web} and {@code web} both name {@code /Common/web}. */
    private static String fullPath(ComponentType type, String segment) {
        String name = Paths.fromTilde(segment);
        if (type.partitioned() && !name.startsWith("/")) {
            return Paths.join(Paths.COMMON, name);
        }
        return name;
    }
}
