package net.gatehouse.appliance.schema;

import java.util.List;
import java.util.Optional;

/** The shape of a property: one value, a bare flag, a collection of named items, or a nested block. */
public sealed interface Shape {

    /** A single value of a type. */
    record Scalar(ValueType type) implements Shape {
    }

    /**
     * Bare words of which one is in effect: a virtual is {@code enabled} or {@code disabled}.
     * tmsh and bigip.conf write the word alone; iControl JSON writes {@code "word": true}.
     */
    record Flag(List<String> words) implements Shape {
        public Flag {
            words = List.copyOf(words);
        }
    }

    /**
     * A collection of named items with the tmsh operators {@code add}, {@code delete},
     * {@code modify}, {@code replace-all-with} and {@code none}. Items may carry properties of their
     * own ({@code members}); {@code bodied} says whether bigip.conf writes {@code name { }} for an
     * item without properties (profiles) or the bare name (rules).
     */
    record Collection(ItemNaming naming, List<Property> itemProperties, boolean bodied, boolean ordered,
            Optional<String> restSubcollection) implements Shape {
        public Collection {
            itemProperties = List.copyOf(itemProperties);
        }

        public Optional<Property> itemProperty(String name) {
            return itemProperties.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** A fixed nested block of properties, such as the http profile's {@code enforcement { ... }}. */
    record Block(List<Property> properties) implements Shape {
        public Block {
            properties = List.copyOf(properties);
        }

        public Optional<Property> property(String name) {
            return properties.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }
}
