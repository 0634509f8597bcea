package net.gatehouse.appliance.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The small vocabulary component descriptions are written in: one line per property. */
public final class Props {

    /** BIG-IP's 32-bit counters and limits. */
    public static final long U32 = 4294967295L;

    private Props() {
    }

    private static Property scalar(String name, ValueType type, String def) {
        return new Property(name, new Shape.Scalar(type), Optional.ofNullable(def), Property.camelCase(name), Set.of(),
                Map.of());
    }

    public static Property text(String name, String def) {
        return scalar(name, new ValueType.Text(), def);
    }

    public static Property number(String name, long def) {
        return number(name, 0, U32, def);
    }

    /** A number with no F5 default: shown only when it has a value (a fact read from a certificate). */
    public static Property number(String name) {
        return scalar(name, new ValueType.Number(0, Long.MAX_VALUE), null);
    }

    public static Property number(String name, long min, long max, long def) {
        return scalar(name, new ValueType.Number(min, max), Long.toString(def));
    }

    /** A number up to {@code max} or one of {@code words}, a string in iControl REST ({@code "indefinite"}). */
    public static Property numberOrWord(String name, String def, long max, String... words) {
        return scalar(name, new ValueType.NumberOrWord(0, max, Set.of(words)), def);
    }

    public static Property choice(String name, String def, String... values) {
        return scalar(name, new ValueType.Choice(Set.of(values)), def);
    }

    /** An IP protocol, by name or IANA number ({@code 6} is stored as {@code tcp}). */
    public static Property ipProtocol(String name, String def) {
        return scalar(name, ValueType.IpProtocol.virtualServer(), def);
    }

    public static Property enabled(String name, String def) {
        return choice(name, def, "enabled", "disabled");
    }

    public static Property yesNo(String name, String def) {
        return choice(name, def, "yes", "no");
    }

    public static Property trueFalse(String name, String def) {
        return choice(name, def, "true", "false");
    }

    public static Property ref(String name, Family family, String def, String... specials) {
        return scalar(name, new ValueType.ObjectRef(family, Set.of(specials)), def);
    }

    public static Property monitorRule(String name, String def, String... specials) {
        return scalar(name, new ValueType.MonitorRule(Set.of(specials)), def);
    }

    public static Property address(String name, String def) {
        return scalar(name, new ValueType.Address(), def);
    }

    public static Property netmask(String name, String def) {
        return scalar(name, new ValueType.Netmask(), def);
    }

    public static Property prefix(String name, String def) {
        return scalar(name, new ValueType.Prefix(), def);
    }

    public static Property port(String name, String def) {
        return scalar(name, new ValueType.Port(), def);
    }

    public static Property timestamp(String name) {
        return scalar(name, new ValueType.Timestamp(), null);
    }

    public static Property destination(String name) {
        return scalar(name, new ValueType.Destination(), null);
    }

    /** Bare words of which one is in effect; {@code def} is the word in effect when none is given. */
    public static Property flag(String name, String def, String... words) {
        return new Property(name, new Shape.Flag(List.of(words)), Optional.ofNullable(def), Property.camelCase(name),
                Set.of(), Map.of());
    }

    public static Property block(String name, Property... properties) {
        return new Property(name, new Shape.Block(List.of(properties)), Optional.empty(), Property.camelCase(name),
                Set.of(), Map.of());
    }

    /** A list of words written {@code { a b }}; REST writes a JSON array ({@code []} when tmsh shows {@code none}). */
    public static Property words(String name) {
        return collection(name, new ItemNaming.Plain(), false, false);
    }

    /** One of a few words, or a braced list of words ({@code allow-service all}, {@code allow-service { default }}). */
    public static Property wordOrList(String name, String def, String... words) {
        return scalar(name, new ValueType.WordOrList(Set.of(words)), def);
    }

    /** A collection of references written {@code { name { } }} in bigip.conf (profiles, persist). */
    public static Property bodiedRefs(String name, Family family, Property... itemProperties) {
        return collection(name, new ItemNaming.Ref(family), true, false, itemProperties);
    }

    /** A collection of references written as bare names (rules, vlans); {@code ordered} keeps the user's order. */
    public static Property refs(String name, Family family, boolean ordered) {
        return collection(name, new ItemNaming.Ref(family), false, ordered);
    }

    public static Property collection(String name, ItemNaming naming, boolean bodied, boolean ordered,
            Property... itemProperties) {
        return new Property(name,
                new Shape.Collection(naming, List.of(itemProperties), bodied, ordered, Optional.empty()),
                Optional.empty(), Property.camelCase(name), Set.of(), Map.of());
    }

    /** A collection iControl REST serves as a subcollection ({@code membersReference}). */
    public static Property subcollection(String name, ItemNaming naming, Property... itemProperties) {
        return subcollection(name, naming, false, itemProperties);
    }

    /** A subcollection whose items keep the order they were given in when {@code ordered}. */
    public static Property subcollection(String name, ItemNaming naming, boolean ordered, Property... itemProperties) {
        return new Property(name,
                new Shape.Collection(naming, List.of(itemProperties), true, ordered, Optional.of(name)),
                Optional.empty(), Property.camelCase(name), Set.of(), Map.of());
    }
}
