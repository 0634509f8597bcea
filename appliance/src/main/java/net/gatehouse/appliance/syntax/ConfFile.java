package net.gatehouse.appliance.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
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

    /** Whether an object belongs in a saved file: user objects, and built-ins a user changed. */
    public static boolean userOrChanged(ConfigObject object) {
        return !object.type().isBuiltin(object.fullPath()) || object.generation() > 0;
    }

    /**
     * Reads stanzas into replace commands. {@code source} names the file in messages
     * ({@code bigip.conf line 12: ...}).
     */
    public static List<Command> read(String text, String source, Snapshot base) throws SyntaxError {
        List<Token> tokens;
        try {
            tokens = Lexer.tokens(text);
        } catch (SyntaxError e) {
            throw new SyntaxError(source + " line " + e.line() + ": " + e.getMessage(), e.line());
        }
        List<String> words = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            words.add(token.quoted() ? "\u0000" + token.text() : token.text());
        }
        List<Command> commands = new ArrayList<>();
        int position = 0;
        while (position < tokens.size()) {
            Token first = tokens.get(position);
            Optional<ComponentType> type = base.schema().match(words, position);
            if (type.isEmpty()) {
                int end = skipStanza(tokens, position, source);
                LOG.warn("{} line {}: skipped \"{}\": Gatehouse does not model it", source, first.line(),
                        stanzaHeader(tokens, position, end));
                position = end;
                continue;
            }
            int at = position + type.get().path().split(" ").length;
            if (at >= tokens.size() || tokens.get(at).isOpen()) {
                // Singleton stanzas such as "sys global-settings { }" come with the breadth issue.
                int end = skipStanza(tokens, position, source);
                LOG.warn("{} line {}: skipped \"{}\": no object name", source, first.line(), type.get().path());
                position = end;
                continue;
            }
            String name = tokens.get(at).text();
            String path = !type.get().partitioned() || name.startsWith("/") ? name : Paths.join(Paths.COMMON, name);
            BodyParser parser = new BodyParser(tokens, at + 1, base.names(Paths.folder(path)),
                    source + " line " + tokens.get(at).line() + ": " + type.get().path() + " " + path);
            List<Edit> edits = parser.bracedProperties(type.get().properties());
            commands.add(new Command.Replace(type.get(), path, edits));
            position = parser.position();
        }
        return commands;
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

    private static String stanzaHeader(List<Token> tokens, int start, int end) {
        List<String> words = new ArrayList<>();
        for (int i = start; i < end && !tokens.get(i).isOpen(); i++) {
            words.add(tokens.get(i).text());
        }
        return String.join(" ", words);
    }
}
