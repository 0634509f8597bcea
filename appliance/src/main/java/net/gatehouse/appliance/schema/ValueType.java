package net.gatehouse.appliance.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The type of a scalar property: how a value typed by a user becomes canonical, and how the
 * canonical value is shown in tmsh ({@code list}), written to bigip.conf and to iControl JSON.
 */
public sealed interface ValueType {

    /** Turns what a user typed into the canonical stored form, or says why it is not valid. */
    String canonical(String raw, NameContext names) throws InvalidValue;

    /** How tmsh {@code list} shows the value from inside {@code folder}. */
    default String display(String canonical, String folder) {
        return canonical;
    }

    /** The iControl JSON form. */
    default JsonNode json(String canonical) {
        return JsonNodeFactory.instance.textNode(canonical);
    }

    /** The objects this value refers to, as (family, full path). */
    default List<Reference> references(String canonical) {
        return List.of();
    }

    /** How many words of a tmsh line or bigip.conf line this value takes, starting at {@code start}. */
    default int span(List<String> words, int start) {
        return 1;
    }

    /** Whether the value is several words written unquoted ({@code min 1 of { http tcp }}). */
    default boolean multiWord() {
        return false;
    }

    /** What {@code ?} help and error messages say is expected. */
    String describe();

    record Reference(Family family, String fullPath) {
    }

    /** Free text. */
    record Text() implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) {
            return raw;
        }

        @Override
        public String describe() {
            return "string";
        }
    }

    /** A whole number within bounds; a JSON number in iControl REST. */
    record Number(long min, long max) implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            try {
                long value = Long.parseLong(raw);
                if (value < min || value > max) {
                    throw new InvalidValue("must be between " + min + " and " + max);
                }
                return Long.toString(value);
            } catch (NumberFormatException e) {
                throw new InvalidValue("must be a number between " + min + " and " + max);
            }
        }

        @Override
        public JsonNode json(String canonical) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(canonical));
        }

        @Override
        public String describe() {
            return "integer [" + min + ".." + max + "]";
        }
    }

    /**
     * A whole number within bounds or one of a few words ({@code indefinite}); iControl REST writes
     * it as a string ({@code "300"}, {@code "indefinite"}), as BIG-IP does.
     */
    record NumberOrWord(long min, long max, Set<String> words) implements ValueType {
        public NumberOrWord {
            words = Set.copyOf(words);
        }

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            if (words.contains(raw)) {
                return raw;
            }
            if (raw.matches("[0-9]{1,18}") && Long.parseLong(raw) >= min && Long.parseLong(raw) <= max) {
                return Long.toString(Long.parseLong(raw));
            }
            throw new InvalidValue("must be " + String.join(", ", words.stream().sorted().toList())
                    + " or a number between " + min + " and " + max);
        }

        @Override
        public String describe() {
            return String.join(" | ", words.stream().sorted().toList()) + " | integer [" + min + ".." + max + "]";
        }
    }

    /** One word out of a fixed set. */
    record Choice(Set<String> values) implements ValueType {
        public Choice {
            values = Set.copyOf(new LinkedHashSet<>(values));
        }

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            if (!values.contains(raw)) {
                throw new InvalidValue("must be one of " + String.join(", ", values.stream().sorted().toList()));
            }
            return raw;
        }

        @Override
        public String describe() {
            return String.join(" | ", values.stream().sorted().toList());
        }
    }

    /**
     * An IP protocol, by name or by IANA number as iControl clients send it; stored and shown by
     * name, as BIG-IP does: {@code 6} is {@code tcp}.
     */
    record IpProtocol(Choice names, java.util.Map<String, String> numbers) implements ValueType {
        public IpProtocol {
            numbers = java.util.Map.copyOf(numbers);
        }

        /** The protocols a virtual server takes: any, tcp, udp, sctp, icmp, icmpv6. */
        public static IpProtocol virtualServer() {
            return new IpProtocol(new Choice(Set.of("any", "tcp", "udp", "sctp", "icmp", "icmpv6")),
                    java.util.Map.of("0", "any", "1", "icmp", "6", "tcp", "17", "udp", "58", "icmpv6", "132", "sctp"));
        }

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            return this.names.canonical(numbers.getOrDefault(raw, raw), names);
        }

        @Override
        public String describe() {
            return names.describe();
        }
    }

    /** The name of another object of a family, or one of a few special words such as {@code none}. */
    record ObjectRef(Family family, Set<String> specials) implements ValueType {
        public ObjectRef {
            specials = Set.copyOf(specials);
        }

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            if (specials.contains(raw)) {
                return raw;
            }
            if (!Paths.isValidName(Paths.name(raw))) {
                throw new InvalidValue("is not a valid object name");
            }
            return names.resolve(family, raw);
        }

        @Override
        public String display(String canonical, String folder) {
            return specials.contains(canonical) ? canonical : Paths.relativeTo(folder, canonical);
        }

        @Override
        public List<Reference> references(String canonical) {
            return specials.contains(canonical) ? List.of() : List.of(new Reference(family, canonical));
        }

        @Override
        public String describe() {
            return family + " name";
        }
    }

    /**
     * A monitor rule: {@code none}, one monitor, monitors joined by {@code and}, or
     * {@code min N of { m1 m2 }}; pool members also take {@code default} (the pool's rule).
     */
    record MonitorRule(Set<String> specials) implements ValueType {
        public MonitorRule {
            specials = Set.copyOf(specials);
        }

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            String trimmed = raw.trim();
            if (specials.contains(trimmed)) {
                return trimmed;
            }
            List<String> words = List.of(trimmed.split("\\s+"));
            if (words.get(0).equals("min")) {
                if (words.size() < 6 || !words.get(2).equals("of") || !words.get(3).equals("{")
                        || !words.get(words.size() - 1).equals("}")) {
                    throw new InvalidValue("must be a monitor rule such as 'min 1 of { http tcp }'");
                }
                int min;
                try {
                    min = Integer.parseInt(words.get(1));
                } catch (NumberFormatException e) {
                    throw new InvalidValue("needs a number after 'min'");
                }
                List<String> monitors = new ArrayList<>();
                for (String monitor : words.subList(4, words.size() - 1)) {
                    monitors.add(monitorName(monitor, names));
                }
                if (min < 1 || min > monitors.size()) {
                    throw new InvalidValue("asks for min " + min + " of " + monitors.size() + " monitors");
                }
                return "min " + min + " of { " + String.join(" ", monitors) + " }";
            }
            List<String> monitors = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                if (i % 2 == 1) {
                    if (!words.get(i).equals("and")) {
                        throw new InvalidValue("must join monitors with 'and'");
                    }
                    continue;
                }
                monitors.add(monitorName(words.get(i), names));
            }
            if (words.size() % 2 == 0) {
                throw new InvalidValue("ends with 'and'");
            }
            return String.join(" and ", monitors);
        }

        private static String monitorName(String name, NameContext names) throws InvalidValue {
            if (!Paths.isValidName(Paths.name(name)) || name.equals("and") || name.equals("{") || name.equals("}")) {
                throw new InvalidValue("names an invalid monitor '" + name + "'");
            }
            return names.resolve(Family.MONITOR, name);
        }

        @Override
        public String display(String canonical, String folder) {
            List<String> out = new ArrayList<>();
            for (String word : canonical.split(" ")) {
                out.add(word.startsWith("/") ? Paths.relativeTo(folder, word) : word);
            }
            return String.join(" ", out);
        }

        @Override
        public List<Reference> references(String canonical) {
            List<Reference> refs = new ArrayList<>();
            for (String word : canonical.split(" ")) {
                if (word.startsWith("/")) {
                    refs.add(new Reference(Family.MONITOR, word));
                }
            }
            return refs;
        }

        @Override
        public int span(List<String> words, int start) {
            int i = start;
            if (words.get(i).equals("min")) {
                while (i < words.size() && !words.get(i).equals("}")) {
                    i++;
                }
                return Math.min(i + 1, words.size()) - start;
            }
            i++;
            while (i + 1 < words.size() && words.get(i).equals("and")) {
                i += 2;
            }
            return i - start;
        }

        @Override
        public boolean multiWord() {
            return true;
        }

        @Override
        public String describe() {
            return "monitor rule";
        }
    }

    /**
     * A moment as tmsh writes it ({@code 2026-11-29:08:00:00}, UTC); iControl REST writes
     * {@code 2026-11-29T08:00:00Z}.
     */
    record Timestamp() implements ValueType {
        private static final java.util.regex.Pattern TMSH =
                java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}:\\d{2}:\\d{2}:\\d{2}");

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            if (!TMSH.matcher(raw).matches()) {
                throw new InvalidValue("must be a time as yyyy-mm-dd:hh:mm:ss");
            }
            return raw;
        }

        @Override
        public JsonNode json(String canonical) {
            return JsonNodeFactory.instance.textNode(canonical.substring(0, 10) + "T" + canonical.substring(11) + "Z");
        }

        @Override
        public String describe() {
            return "time";
        }
    }

    /** An IP address with optional route domain, or {@code any}. */
    record Address() implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            return Addresses.canonical(raw).orElseThrow(() -> new InvalidValue("is not a valid IP address"));
        }

        @Override
        public String describe() {
            return "IP address";
        }
    }

    /** A netmask ({@code 255.255.255.0}, IPv6 masks, {@code any}). */
    record Netmask() implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            return Addresses.netmask(raw).orElseThrow(() -> new InvalidValue("is not a valid netmask"));
        }

        @Override
        public String describe() {
            return "netmask";
        }
    }

    /** An address with an optional mask length: {@code 0.0.0.0/0}, {@code 10.0.0.0/8}. */
    record Prefix() implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            int slash = raw.indexOf('/');
            String address = slash < 0 ? raw : raw.substring(0, slash);
            String canonical = Addresses.canonical(address)
                    .orElseThrow(() -> new InvalidValue("is not a valid address/prefix"));
            int max = Addresses.isIpv6(canonical) ? 128 : 32;
            if (slash < 0) {
                return canonical + "/" + max;
            }
            try {
                int length = Integer.parseInt(raw.substring(slash + 1));
                if (length < 0 || length > max) {
                    throw new InvalidValue("has a prefix length outside 0.." + max);
                }
                return canonical + "/" + length;
            } catch (NumberFormatException e) {
                throw new InvalidValue("is not a valid address/prefix");
            }
        }

        @Override
        public String describe() {
            return "address/prefix";
        }
    }

    /** A port number or service name; stored as a number, shown as the service name. */
    record Port() implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            return Services.port(raw).map(String::valueOf)
                    .orElseThrow(() -> new InvalidValue("is not a valid port number or service name"));
        }

        @Override
        public String display(String canonical, String folder) {
            return Services.display(Integer.parseInt(canonical));
        }

        @Override
        public String describe() {
            return "port";
        }
    }

    /**
     * A virtual server destination, {@code address:port} ({@code address.port} for IPv6), stored as
     * a full path as bigip.conf writes it: {@code /Common/10.0.0.1:80}.
     */
    record Destination() implements ValueType {
        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            String folder = raw.startsWith("/") ? Paths.folder(raw) : names.folder();
            String local = raw.startsWith("/") ? Paths.name(raw) : raw;
            String[] parts = Addresses.splitAddressPort(local)
                    .orElseThrow(() -> new InvalidValue("must be address:port (address.port for IPv6)"));
            String address = Addresses.canonical(parts[0])
                    .orElseThrow(() -> new InvalidValue("has an invalid address '" + parts[0] + "'"));
            int port = Services.port(parts[1])
                    .orElseThrow(() -> new InvalidValue("has an invalid port '" + parts[1] + "'"));
            return Paths.join(folder, Addresses.joinAddressPort(address, Integer.toString(port)));
        }

        @Override
        public String display(String canonical, String folder) {
            String local = Paths.name(canonical);
            String[] parts = Addresses.splitAddressPort(local).orElseThrow();
            String shown = Addresses.joinAddressPort(parts[0], Services.display(Integer.parseInt(parts[1])));
            return Paths.relativeTo(folder, Paths.join(Paths.folder(canonical), shown));
        }

        @Override
        public String describe() {
            return "address:port";
        }

        /** The address part of a canonical destination. */
        public static String address(String canonical) {
            return Addresses.splitAddressPort(Paths.name(canonical)).orElseThrow()[0];
        }

        /** The port part of a canonical destination. */
        public static int port(String canonical) {
            return Integer.parseInt(Addresses.splitAddressPort(Paths.name(canonical)).orElseThrow()[1]);
        }
    }

    /**
     * One of a few words, or a braced list of words: {@code all}, {@code none}, {@code { default tcp:22 }}.
     * Stored as written, with single spaces inside the braces.
     */
    record WordOrList(Set<String> words) implements ValueType {
        public WordOrList {
            words = Set.copyOf(words);
        }

        @Override
        public String canonical(String raw, NameContext names) throws InvalidValue {
            String trimmed = raw.trim();
            if (words.contains(trimmed)) {
                return trimmed;
            }
            if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
                throw new InvalidValue("must be one of " + String.join(", ", words.stream().sorted().toList())
                        + " or a list in braces");
            }
            String inside = trimmed.substring(1, trimmed.length() - 1).trim();
            return inside.isEmpty() ? "{ }" : "{ " + String.join(" ", inside.split("\\s+")) + " }";
        }

        /** REST shows a list as a JSON array ({@code "allowService": ["default"]}) and a word as a string. */
        @Override
        public JsonNode json(String canonical) {
            if (!canonical.startsWith("{")) {
                return JsonNodeFactory.instance.textNode(canonical);
            }
            var array = JsonNodeFactory.instance.arrayNode();
            String inside = canonical.substring(1, canonical.length() - 1).trim();
            if (!inside.isEmpty()) {
                for (String word : inside.split(" ")) {
                    array.add(word);
                }
            }
            return array;
        }

        /**
         * A JSON array as REST sends it: {@code ["tcp:22", "udp:53"]} is {@code { tcp:22 udp:53 }}, {@code []}
         * is {@code none}.
         */
        public String fromArray(List<String> items) {
            if (items.isEmpty()) {
                return words.contains("none") ? "none" : "{ }";
            }
            return "{ " + String.join(" ", items) + " }";
        }

        @Override
        public int span(List<String> words, int start) {
            if (!words.get(start).equals("{")) {
                return 1;
            }
            int i = start;
            while (i < words.size() && !words.get(i).equals("}")) {
                i++;
            }
            return Math.min(i + 1, words.size()) - start;
        }

        @Override
        public boolean multiWord() {
            return true;
        }

        @Override
        public String describe() {
            return String.join(" | ", words.stream().sorted().toList()) + " | { list }";
        }
    }
}
