package net.gatehouse.appliance.config;

import java.util.List;

/**
 * A property value in canonical form. Every syntax (tmsh, bigip.conf, iControl JSON) parses into
 * and renders from these three shapes; the schema says which shape a property has.
 */
public sealed interface Value {

    /** A single word or string: {@code round-robin}, {@code 10}, {@code /Common/http}. */
    record Text(String text) implements Value {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text is null");
            }
        }
    }

    /** An ordered collection of named items, each with its own (possibly empty) body. */
    record Items(List<Item> items) implements Value {
        public Items {
            items = List.copyOf(items);
        }

        public static Items of(Item... items) {
            return new Items(List.of(items));
        }
    }

    /** A fixed nested block such as the http profile's {@code enforcement { ... }}. */
    record Block(Body body) implements Value {
    }

    static Text text(String text) {
        return new Text(text);
    }
}
