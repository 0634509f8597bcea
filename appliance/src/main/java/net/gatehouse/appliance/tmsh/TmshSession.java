package net.gatehouse.appliance.tmsh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.syntax.BodyParser;
import net.gatehouse.appliance.syntax.Lexer;
import net.gatehouse.appliance.syntax.StanzaWriter;
import net.gatehouse.appliance.syntax.SyntaxError;
import net.gatehouse.appliance.syntax.Token;

/**
 * One tmsh session: a principal, a current folder, and the verbs {@code create}, {@code modify},
 * {@code delete}, {@code list} and {@code cd}. Every change goes through the command service. The
 * terminal (console, SSH, REST util/bash) is only the keys around this.
 */
public final class TmshSession {

    private final CommandService commands;
    private final Principal principal;
    private final HealthView health;
    private String folder = Paths.COMMON;

    public TmshSession(CommandService commands, Principal principal) {
        this(commands, principal, HealthView.unchecked());
    }

    /** A session whose {@code list} shows member and node {@code state} as the monitors say. */
    public TmshSession(CommandService commands, Principal principal, HealthView health) {
        this.commands = commands;
        this.principal = principal;
        this.health = health;
    }

    public String folder() {
        return folder;
    }

    /** Runs one line (commands separated by {@code ;} run in turn) and returns what tmsh prints. */
    public String execute(String line) throws TmshError {
        List<Token> tokens;
        try {
            tokens = Lexer.tokens(line);
        } catch (SyntaxError e) {
            throw new TmshError("Syntax Error: " + e.getMessage());
        }
        StringBuilder output = new StringBuilder();
        List<Token> command = new ArrayList<>();
        for (Token token : tokens) {
            if (token.is(";")) {
                output.append(run(command));
                command = new ArrayList<>();
            } else {
                command.add(token);
            }
        }
        output.append(run(command));
        return output.toString();
    }

    private String run(List<Token> words) throws TmshError {
        if (words.isEmpty()) {
            return "";
        }
        String verb = words.get(0).text();
        return switch (verb) {
            case "create", "modify", "delete" -> change(verb, words);
            case "list" -> list(words);
            case "cd" -> changeFolder(words);
            default -> throw new TmshError("Syntax Error: \"" + verb + "\" unexpected argument");
        };
    }

    private String changeFolder(List<Token> words) throws TmshError {
        if (words.size() != 2) {
            throw new TmshError("Syntax Error: cd takes one folder");
        }
        String target = words.get(1).text();
        String next = target.equals("..") ? Paths.folder(folder)
                : target.startsWith("/") ? target : Paths.join(folder, target);
        if (next.equals("/")) {
            next = "/";
        } else if (!folderExists(next)) {
            throw new TmshError("01020036:3: The requested folder (" + next + ") was not found.");
        }
        folder = next;
        return "";
    }

    private boolean folderExists(String path) {
        Snapshot snapshot = commands.snapshot();
        return snapshot.schema().type("auth partition")
                        .flatMap(t -> snapshot.get(t, path.substring(1))).isPresent()
                || snapshot.schema().type("sys folder").flatMap(t -> snapshot.get(t, path)).isPresent();
    }

    private String change(String verb, List<Token> words) throws TmshError {
        Snapshot snapshot = commands.snapshot();
        ComponentType type = component(snapshot, words, 1);
        int at = 1 + type.path().split(" ").length;
        if (at >= words.size()) {
            throw new TmshError("Syntax Error: \"" + type.path() + "\" requires an object name");
        }
        List<Command> batch = new ArrayList<>();
        if (verb.equals("delete")) {
            for (Token name : words.subList(at, words.size())) {
                batch.add(new Command.Delete(type, fullPath(type, name.text())));
            }
        } else {
            String path = fullPath(type, words.get(at).text());
            List<Edit> edits = properties(snapshot, type, path, words, at + 1);
            batch.add(verb.equals("create") ? new Command.Create(type, path, edits)
                    : new Command.Modify(type, path, edits));
        }
        try {
            commands.execute(principal, batch);
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        }
        return "";
    }

    private List<Edit> properties(Snapshot snapshot, ComponentType type, String path, List<Token> words, int start)
            throws TmshError {
        boolean braced = start < words.size() && words.get(start).isOpen();
        String objectFolder = type.partitioned() ? Paths.folder(path) : folder;
        BodyParser parser = new BodyParser(words, braced ? start + 1 : start, snapshot.names(objectFolder),
                type.path() + " " + path);
        try {
            List<Edit> edits = parser.properties(type.properties());
            int end = parser.position();
            if (braced) {
                if (end >= words.size() || !words.get(end).isClose()) {
                    throw new TmshError("Syntax Error: missing '}' after the property list");
                }
                end++;
            }
            if (end < words.size()) {
                throw new TmshError("Syntax Error: \"" + words.get(end).text() + "\" unexpected argument");
            }
            return edits;
        } catch (SyntaxError e) {
            throw new TmshError("Syntax Error: " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private String list(List<Token> words) throws TmshError {
        Snapshot snapshot = commands.snapshot();
        List<String> options = new ArrayList<>();
        List<Token> rest = new ArrayList<>();
        for (Token word : words.subList(1, words.size())) {
            if (word.is("all-properties") || word.is("one-line")) {
                options.add(word.text());
            } else {
                rest.add(word);
            }
        }
        StanzaWriter writer = new StanzaWriter(snapshot,
                options.contains("all-properties") ? StanzaWriter.Mode.ALL_PROPERTIES : StanzaWriter.Mode.LIST,
                folder, health);
        List<ConfigObject> shown = selected(snapshot, rest);
        StringBuilder out = new StringBuilder();
        for (ConfigObject object : shown) {
            out.append(options.contains("one-line") ? writer.writeOneLine(object) : writer.write(object));
        }
        return out.toString();
    }

    private List<ConfigObject> selected(Snapshot snapshot, List<Token> words) throws TmshError {
        List<String> prefix = new ArrayList<>();
        for (Token word : words) {
            prefix.add(word.text());
        }
        Optional<ComponentType> exact = snapshot.schema().match(prefix, 0);
        if (exact.isEmpty()) {
            String wanted = String.join(" ", prefix);
            List<ConfigObject> all = new ArrayList<>();
            for (ComponentType type : snapshot.schema().types()) {
                if (wanted.isEmpty() || (type.path() + " ").startsWith(wanted + " ")) {
                    all.addAll(inFolder(type, snapshot.all(type)));
                }
            }
            if (all.isEmpty() && snapshot.schema().types().stream()
                    .noneMatch(t -> (t.path() + " ").startsWith(wanted + " "))) {
                throw new TmshError("Syntax Error: \"" + wanted + "\" unexpected argument");
            }
            return all;
        }
        ComponentType type = exact.get();
        List<Token> names = words.subList(type.path().split(" ").length, words.size());
        if (names.isEmpty()) {
            return inFolder(type, snapshot.all(type));
        }
        List<ConfigObject> found = new ArrayList<>();
        for (Token name : names) {
            if (name.text().contains("*")) {
                Pattern glob = Pattern.compile(name.text().replace(".", "\\.").replace("*", ".*"));
                for (ConfigObject object : inFolder(type, snapshot.all(type))) {
                    if (glob.matcher(Paths.name(object.fullPath())).matches()) {
                        found.add(object);
                    }
                }
            } else {
                String path = fullPath(type, name.text());
                found.add(snapshot.get(type, path).orElseThrow(() ->
                        new TmshError("01020036:3: The requested " + type.label() + " (" + path + ") was not found.")));
            }
        }
        return found;
    }

    private List<ConfigObject> inFolder(ComponentType type, Collection<ConfigObject> objects) {
        if (!type.partitioned()) {
            return List.copyOf(objects);
        }
        return objects.stream().filter(o -> Paths.folder(o.fullPath()).equals(folder)).toList();
    }

    private ComponentType component(Snapshot snapshot, List<Token> words, int start) throws TmshError {
        List<String> text = new ArrayList<>();
        for (Token word : words) {
            text.add(word.text());
        }
        return snapshot.schema().match(text, start).orElseThrow(() -> new TmshError("Syntax Error: \""
                + String.join(" ", text.subList(start, Math.min(text.size(), start + 2))) + "\" unknown component"));
    }

    private String fullPath(ComponentType type, String name) {
        if (!type.partitioned()) {
            return name;
        }
        return name.startsWith("/") ? name : Paths.join(folder, name);
    }
}
