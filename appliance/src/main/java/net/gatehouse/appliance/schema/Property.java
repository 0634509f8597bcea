package net.gatehouse.appliance.schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One property of a component, described once: its tmsh name, shape, F5 default and traits. The
 * tmsh words, bigip.conf text and iControl JSON are all derived from this description.
 *
 * @param name       the tmsh name (kebab-case)
 * @param shape      scalar, flag, collection or block
 * @param defaultValue the F5 default of a scalar or flag, as tmsh shows it
 * @param restName   the iControl JSON name (camelCase of the tmsh name unless BIG-IP differs)
 * @param traits     read-only, inert, always listed, ...
 * @param readAs     words BIG-IP stores in one form and shows in another ({@code user-up} read as {@code up})
 */
public record Property(String name, Shape shape, Optional<String> defaultValue, String restName, Set<Trait> traits,
        Map<String, String> readAs) {

    public Property {
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
        readAs = Map.copyOf(readAs);
    }

    /** What a property is, besides its shape. */
    public enum Trait {
        /** Shown but never set by a user (generation, vs-index, creation-time). */
        READ_ONLY,
        /** Belongs to this appliance only; not synchronised to peers. */
        DEVICE_LOCAL,
        /** Accepted, stored, round-tripped and shown, but not acted on (listed in docs/inert-properties.md). */
        INERT,
        /** Written at creation with its default, so {@code list} always shows it, as BIG-IP does. */
        ALWAYS_LISTED,
        /** Must be given when the object is created. */
        REQUIRED,
        /** iControl JSON writes the value with a trailing space, as BIG-IP does for pool monitor rules. */
        REST_TRAILING_SPACE,
        /**
         * iControl JSON writes the value even when it is {@code none}, as BIG-IP does for a virtual's
         * {@code sourceAddressTranslation} {@code type}.
         */
        REST_SHOWS_NONE,
        /**
         * iControl JSON links each item of this collection to the partition it names ({@code nameReference}
         * to {@code /mgmt/tm/auth/partition/<name>}), as BIG-IP does for a user's {@code partitionAccess}.
         */
        REST_PARTITION_LINKS,
        /**
         * iControl JSON shows each item's full path whole as its {@code name}, with no {@code partition}
         * field, as BIG-IP does for {@code sys syslog remoteServers} ({@code "name": "/Common/10.1.1.1"}).
         */
        REST_WHOLE_ITEM_NAMES,
        /**
         * iControl JSON writes each item of this collection of bare names as an object, {@code {"name": "80"}},
         * as BIG-IP does for a timer policy rule's {@code destinationPorts}.
         */
        REST_ITEM_OBJECTS,
        /** tmsh and bigip.conf always quote the value ({@code sys db} values). */
        QUOTED,
        /**
         * tmsh {@code list} writes the value as it is, spaces and all, never quoted (as BIG-IP lists a
         * {@code sys crypto cert}'s {@code expiration} and {@code issuer}).
         */
        UNQUOTED,
        /**
         * A password or passphrase: stored, listed and saved only encrypted under the master key
         * ({@code $M$...}, see {@code config.Secrets}); iControl REST returns only that form.
         */
        SECRET,
        /**
         * The object's whole body is this text, written as given between the stanza's braces (the Tcl of
         * an {@code ltm rule}).
         */
        VERBATIM
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    public Property with(Trait... more) {
        EnumSet<Trait> all = traits.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(traits);
        all.addAll(List.of(more));
        return new Property(name, shape, defaultValue, restName, all, readAs);
    }

    public Property restName(String newRestName) {
        return new Property(name, shape, defaultValue, newRestName, traits, readAs);
    }

    public Property readAs(Map<String, String> mapping) {
        return new Property(name, shape, defaultValue, restName, traits, mapping);
    }

    public boolean isCollection() {
        return shape instanceof Shape.Collection;
    }

    public Optional<ValueType> scalarType() {
        return shape instanceof Shape.Scalar scalar ? Optional.of(scalar.type()) : Optional.empty();
    }

    /** The camelCase form BIG-IP derives for iControl REST: {@code load-balancing-mode} → {@code loadBalancingMode}. */
    public static String camelCase(String tmshName) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : tmshName.toCharArray()) {
            if (c == '-' || c == '.' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
