package net.gatehouse.appliance.syntax;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Predicate;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bigip.conf text: written with the {@code #TMSH-VERSION} header, one stanza per object, full paths;
 * read back into commands that replace each object whole. Stanzas of modules Gatehouse does not
 * model are skipped with a warning.
 */
public final class ConfFile {

    private static final Logger LOG = LoggerFactory.getLogger(ConfFile.class);

    private ConfFile() {
    }

    /** The text of a configuration file holding the objects {@code include} accepts. */
    public static String write(Snapshot snapshot, Predicate<ConfigObject> include) {
        StanzaWriter writer = new StanzaWriter(snapshot, StanzaWriter.Mode.CONF, Paths.COMMON);
        StringBuilder out = new StringBuilder("#TMSH-VERSION: ").append(IcontrolJson.VERSION).append("\n\n");
        snapshot.all().filter(include).forEach(object -> out.append(writer.write(object)));
        return out.toString();
    }

    /**
     * Whether an object belongs in a saved file: user objects, and built-ins a user changed. A built-in
     * written back as it was, defaults spelled out or not (as a loaded file may), has not changed.
     */
    public static boolean userOrChanged(ConfigObject object) {
        ComponentType type = object.type();
        return type.builtins().stream().filter(b -> type.builtinPath(b).equals(object.fullPath()))
                .noneMatch(b -> withoutDefaults(type, b.body()).equals(withoutDefaults(type, object.body())));
    }

    private static Body withoutDefaults(ComponentType type, Body body) {
        return body.edit(values -> values.entrySet().removeIf(entry -> entry.getValue() instanceof Value.Text text
                && type.property(entry.getKey()).flatMap(Property::defaultValue).filter(text.text()::equals)
                        .isPresent()));
    }

    /**
     * What a file held: the commands that replace each object it names, and what it skipped, one
     * entry per unmodelled module or component ({@code apm}, {@code ltm profile sip}) with the count and
     * the place of the first.
     */
    public record Parsed(List<Command> commands, Map<String, Skipped> skipped) {
        public Parsed {
            commands = List.copyOf(commands);
            skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }
    }

    /** Stanzas of one unmodelled module or component: how many, and where the first was. */
    public record Skipped(int count, String firstAt) {
        Skipped plusOne() {
            return new Skipped(count + 1, firstAt);
        }
    }

    /** The modules whose components Gatehouse models some of; other modules are skipped whole. */
    private static final Set<String> MODELLED_MODULES = Set.of("ltm", "net", "sys", "cm", "auth");

    /**
     * Reads stanzas into replace commands, logging one warning per skipped module or component.
     * {@code source} names the file in messages ({@code bigip.conf line 12: ...}).
     */
    public static List<Command> read(String text, String source, Snapshot base) throws SyntaxError {
        Parsed parsed = parse(text, source, base);
        parsed.skipped().forEach((what, skipped) -> LOG.warn("{}: skipped {} \"{}\" stanza(s), the first at {}: "
                + "Gatehouse does not model it", source, skipped.count(), what, skipped.firstAt()));
        return parsed.commands();
    }

    /** Reads stanzas into replace commands, and says what it skipped. */
    public static Parsed parse(String text, String source, Snapshot base) throws SyntaxError {
        TclStanzas.Split split;
        List<Token> tokens;
        try {
            split = TclStanzas.split(text);
            tokens = Lexer.tokens(split.rest());
        } catch (SyntaxError e) {
            throw new SyntaxError(source + " line " + e.line() + ": " + e.getMessage(), e.line());
        }
        List<String> words = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            words.add(token.quoted() ? "\u0000" + token.text() : token.text());
        }
        List<Command> commands = new ArrayList<>();
        Map<String, Skipped> skipped = new LinkedHashMap<>();
        for (TclStanzas.Stanza stanza : split.stanzas()) {
            Optional<ComponentType> type = base.schema().type(stanza.type());
            if (type.isEmpty()) {
                skip(skipped, module(List.of(stanza.type().split(" "))), source, stanza.line());
                continue;
            }
            String path = stanza.name().startsWith("/") ? stanza.name() : Paths.join(Paths.COMMON, stanza.name());
            String property = type.get().properties().stream().filter(p -> p.has(Property.Trait.VERBATIM))
                    .findFirst().orElseThrow().name();
            commands.add(new Command.Replace(type.get(), path, List.of(new Edit.SetText(property, stanza.body()))));
        }
        int position = 0;
        while (position < tokens.size()) {
            Token first = tokens.get(position);
            Optional<ComponentType> type = base.schema().match(words, position);
            if (type.isEmpty()) {
                int end = skipStanza(tokens, position, source);
                List<String> header = new ArrayList<>();
                for (int i = position; i < end && !tokens.get(i).isOpen(); i++) {
                    header.add(tokens.get(i).text());
                }
                skip(skipped, module(header), source, first.line());
                position = end;
                continue;
            }
            int at = position + type.get().path().split(" ").length;
            String path;
            int bodyAt;
            if (type.get().singleton() && at < tokens.size() && tokens.get(at).isOpen()) {
                path = type.get().singletonName();
                bodyAt = at;
            } else if (at >= tokens.size() || tokens.get(at).isOpen()) {
                throw new SyntaxError(source + " line " + first.line() + ": " + type.get().path()
                        + ": expected an object name", first.line());
            } else {
                String name = tokens.get(at).text();
                path = !type.get().partitioned() || name.startsWith("/") ? name : Paths.join(Paths.COMMON, name);
                bodyAt = at + 1;
            }
            BodyParser parser = new BodyParser(tokens, bodyAt,
                    base.names(type.get().partitioned() ? Paths.folder(path) : Paths.COMMON),
                    source + " line " + first.line() + ": " + type.get().path() + " " + path);
            List<Edit> edits = parser.bracedProperties(type.get().properties());
            commands.add(new Command.Replace(type.get(), path, edits));
            position = parser.position();
        }
        return new Parsed(commands, skipped);
    }

    /**
     * What a skipped stanza is counted under: its module when Gatehouse models nothing of it
     * ({@code apm}), else its component words without the object name ({@code ltm profile sip}).
     */
    private static String module(List<String> header) {
        if (header.isEmpty() || !MODELLED_MODULES.contains(header.get(0))) {
            return header.isEmpty() ? "?" : header.get(0);
        }
        int words = header.size();
        boolean hasName = words > 1 && (header.get(words - 1).startsWith("/")
                || header.get(words - 1).contains(".") || header.get(words - 1).matches(".*\\d.*"));
        return String.join(" ", hasName && words > 2 ? header.subList(0, words - 1) : header);
    }

    private static void skip(Map<String, Skipped> skipped, String what, String source, int line) {
        skipped.merge(what, new Skipped(1, source + " line " + line), (a, b) -> a.plusOne());
    }

    private static int skipStanza(List<Token> tokens, int start, String source) throws SyntaxError {
        int position = start;
        while (position < tokens.size() && !tokens.get(position).isOpen()) {
            position++;
        }
        if (position >= tokens.size()) {
            throw new SyntaxError(source + " line " + tokens.get(start).line() + ": a stanza without '{'",
                    tokens.get(start).line());
        }
        int depth = 0;
        do {
            if (position >= tokens.size()) {
                throw new SyntaxError(source + " line " + tokens.get(start).line() + ": unbalanced braces",
                        tokens.get(start).line());
            }
            Token token = tokens.get(position++);
            depth += token.isOpen() ? 1 : token.isClose() ? -1 : 0;
        } while (depth > 0);
        return position;
    }
}
