package net.gatehouse.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.Shape;
import net.gatehouse.appliance.schema.ValueType;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion and {@code ?} help derived from the schema: verbs, component paths, object
 * names, property names (with what each expects) and the words a property takes.
 */
final class TmshCompleter implements Completer {

    static final List<String> VERBS = List.of("create", "modify", "delete", "list", "show", "reset-stats", "cd",
            "save", "load", "submit", "discard", "run", "quit", "exit");

    /** The options {@code run util ping} takes, with a word of help, in the order {@code ?} lists them. */
    static final Map<String, String> PING_OPTIONS = orderedPingOptions();
    private static final Set<String> PING_FLAGS = Set.of("-n", "-q");

    private final TmshSession session;
    private final Supplier<Snapshot> snapshot;

    TmshCompleter(TmshSession session, Supplier<Snapshot> snapshot) {
        this.session = session;
        this.snapshot = snapshot;
    }

    private static Map<String, String> orderedPingOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("-c", "count: echo requests to send (default 4, at most 100)");
        options.put("-W", "timeout: seconds to wait for a reply");
        options.put("-i", "interval: seconds between requests (0.2 at least)");
        options.put("-s", "packet size in bytes");
        options.put("-t", "ttl");
        options.put("-n", "numeric output only");
        options.put("-q", "quiet: the summary only");
        return Collections.unmodifiableMap(options);
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        for (Suggestion suggestion : suggestions(before)) {
            candidates.add(new Candidate(suggestion.word(), suggestion.word(), null, suggestion.help(), null, null,
                    true));
        }
    }

    /** A word that may come next, and what it is. */
    record Suggestion(String word, String help) {
    }

    /** What may follow the words already typed (inside a module, after its words). */
    List<Suggestion> suggestions(List<String> typed) {
        if (typed.isEmpty()) {
            return VERBS.stream().map(v -> new Suggestion(v, "command")).toList();
        }
        if (typed.get(0).equals("run")) {
            return runUtil(typed);
        }
        List<String> words = new ArrayList<>(typed.subList(0, 1));
        if (!session.context().isEmpty() && (typed.size() == 1 || !isModule(typed.get(1)))) {
            words.addAll(session.context());
        }
        words.addAll(typed.subList(1, typed.size()));
        Snapshot config = snapshot.get();
        String verb = words.get(0);
        if (verb.equals("cd")) {
            return folders(config);
        }
        if (!List.of("create", "modify", "delete", "list").contains(verb)) {
            return List.of();
        }
        Optional<ComponentType> type = config.schema().match(words, 1);
        int pathLength = type.map(t -> t.path().split(" ").length).orElse(0);
        if (type.isEmpty() || words.size() == 1 + pathLength && nextPathWords(config, words).size() > 0) {
            return nextPathWords(config, words);
        }
        int nameAt = 1 + pathLength;
        if (words.size() == nameAt) {
            return verb.equals("create") ? List.of(new Suggestion("<name>", "the new object's name"))
                    : objectNames(config, type.get());
        }
        if (verb.equals("list")) {
            return List.of(new Suggestion("all-properties", "every property in effect"),
                    new Suggestion("one-line", "one line per object"));
        }
        if (verb.equals("delete")) {
            return objectNames(config, type.get());
        }
        return propertyContinuation(config, type.get().properties(), words.subList(nameAt + 1, words.size()));
    }

    /** {@code run util ping}: the utility, then its options (a number after each that takes one) and the host. */
    private static List<Suggestion> runUtil(List<String> typed) {
        if (typed.size() == 1) {
            return List.of(new Suggestion("util", "run a utility"));
        }
        if (typed.size() == 2) {
            return typed.get(1).equals("util") ? List.of(new Suggestion("ping", "send ICMP echo requests"))
                    : List.of();
        }
        String last = typed.get(typed.size() - 1);
        if (typed.size() > 3 && PING_OPTIONS.containsKey(last) && !PING_FLAGS.contains(last)) {
            return List.of(new Suggestion("<number>", PING_OPTIONS.get(last)));
        }
        List<Suggestion> next = new ArrayList<>();
        PING_OPTIONS.forEach((option, help) -> next.add(new Suggestion(option, help)));
        next.add(new Suggestion("<host>", "an IP address or a host name"));
        return next;
    }

    private List<Suggestion> propertyContinuation(Snapshot config, List<Property> properties, List<String> after) {
        if (!after.isEmpty()) {
            String last = after.get(after.size() - 1);
            Optional<Property> property = properties.stream().filter(p -> p.name().equals(last)).findFirst();
            if (property.isPresent()) {
                return values(config, property.get());
            }
        }
        List<Suggestion> names = new ArrayList<>();
        for (Property property : properties) {
            if (property.has(Property.Trait.READ_ONLY)) {
                continue;
            }
            if (property.shape() instanceof Shape.Flag flag) {
                flag.words().forEach(w -> names.add(new Suggestion(w, property.name())));
            } else {
                names.add(new Suggestion(property.name(), describe(property)));
            }
        }
        return names;
    }

    private List<Suggestion> values(Snapshot config, Property property) {
        Shape shape = property.shape();
        if (shape instanceof Shape.Collection) {
            return List.of("add", "delete", "modify", "replace-all-with", "none").stream()
                    .map(w -> new Suggestion(w, property.name() + " operator")).toList();
        }
        if (shape instanceof Shape.Block) {
            return List.of(new Suggestion("{", property.name() + " properties"));
        }
        ValueType type = property.scalarType().orElseThrow();
        if (type instanceof ValueType.Choice choice) {
            return choice.values().stream().sorted().map(v -> new Suggestion(v, property.name())).toList();
        }
        if (type instanceof ValueType.ObjectRef ref) {
            List<Suggestion> out = new ArrayList<>();
            ref.specials().forEach(s -> out.add(new Suggestion(s, property.name())));
            out.addAll(familyNames(config, ref.family()));
            return out;
        }
        if (type instanceof ValueType.MonitorRule rule) {
            List<Suggestion> out = new ArrayList<>();
            rule.specials().forEach(s -> out.add(new Suggestion(s, property.name())));
            out.addAll(familyNames(config, Family.MONITOR));
            return out;
        }
        return List.of(new Suggestion("<" + type.describe() + ">", property.name()));
    }

    private boolean isModule(String word) {
        return snapshot.get().schema().types().stream().anyMatch(type -> type.path().startsWith(word + " "));
    }

    private static String describe(Property property) {
        Shape shape = property.shape();
        String what = shape instanceof Shape.Collection ? "collection"
                : shape instanceof Shape.Block ? "block"
                : property.scalarType().map(ValueType::describe).orElse("");
        return property.defaultValue().map(d -> what + " (default " + d + ")").orElse(what);
    }

    private List<Suggestion> nextPathWords(Snapshot config, List<String> words) {
        List<String> typed = words.subList(1, words.size());
        Set<String> next = new LinkedHashSet<>();
        for (ComponentType type : config.schema().types()) {
            String[] path = type.path().split(" ");
            if (path.length > typed.size() && List.of(path).subList(0, typed.size()).equals(typed)) {
                next.add(path[typed.size()]);
            }
        }
        return next.stream().sorted().map(w -> new Suggestion(w, "component")).toList();
    }

    private List<Suggestion> objectNames(Snapshot config, ComponentType type) {
        List<Suggestion> names = new ArrayList<>();
        for (ConfigObject object : config.all(type)) {
            names.add(new Suggestion(type.partitioned() ? Paths.relativeTo(session.folder(), object.fullPath())
                    : object.fullPath(), type.path()));
        }
        return names;
    }

    private List<Suggestion> familyNames(Snapshot config, Family family) {
        List<Suggestion> names = new ArrayList<>();
        for (ComponentType type : config.schema().family(family)) {
            names.addAll(objectNames(config, type));
        }
        return names;
    }

    private List<Suggestion> folders(Snapshot config) {
        List<Suggestion> out = new ArrayList<>(List.of(new Suggestion("..", "the parent folder"),
                new Suggestion("/", "the root folder")));
        config.all(config.schema().require("auth partition"))
                .forEach(p -> out.add(new Suggestion("/" + p.fullPath(), "partition")));
        return out;
    }
}
