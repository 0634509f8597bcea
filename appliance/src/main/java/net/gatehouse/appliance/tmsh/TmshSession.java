package net.gatehouse.appliance.tmsh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.PolicyDrafts;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.crypto.CertificateDetails;
import net.gatehouse.appliance.crypto.CryptoImports;
import net.gatehouse.appliance.crypto.CryptoService;
import net.gatehouse.appliance.datagroup.DataGroupImports;
import net.gatehouse.appliance.dataplane.DataPlane;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.files.ConfigFiles;
import net.gatehouse.appliance.ucs.UcsArchives;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.UnmodelledComponents;
import net.gatehouse.appliance.syntax.BodyParser;
import net.gatehouse.appliance.syntax.ConfFile;
import net.gatehouse.appliance.syntax.Lexer;
import net.gatehouse.appliance.syntax.StanzaWriter;
import net.gatehouse.appliance.syntax.SyntaxError;
import net.gatehouse.appliance.syntax.TclStanzas;
import net.gatehouse.appliance.syntax.Token;

/**
 * One tmsh session: a principal, a current folder, and the verbs {@code create}, {@code modify},
 * {@code delete}, {@code list}, {@code show} and {@code cd}. Every change goes through the command
 * service; {@code show} and {@code delete sys connection} read and act on the data plane. The
 * terminal (console, SSH, REST util/bash) is only the keys around this.
 */
public final class TmshSession {

    /** {@code create|modify ltm rule NAME {}: the iRule's Tcl is taken verbatim, not lexed. */
    private static final Pattern RULE_LINE =
            Pattern.compile("^\\s*(create|modify)\\s+ltm\\s+rule\\s+(\"[^\"]*\"|[^\\s{}]+)\\s*\\{");

    private final CommandService commands;
    private final DataPlane dataPlane;
    private final Principal principal;
    private final ConfigFiles files;
    private final CryptoService crypto;
    private final CryptoImports cryptoImports;
    private final UcsArchives ucs;
    private final AuthCommands auth;
    private final HealthView health;
    private final DataGroupImports dataGroupFiles;
    private final UtilPing ping = UtilPing.onSystemPath();
    private String folder = Paths.COMMON;
    private List<String> context = List.of();
    private Optional<List<Queued>> transaction = Optional.empty();
    private String currentLine = "";

    /** A change typed inside {@code create cli transaction}, kept until {@code submit}. */
    private record Queued(String line, List<Command> commands) {
    }

    /** A session of {@code principal} on {@code appliance}, starting in {@code /Common}. */
    public TmshSession(Appliance appliance, Principal principal) {
        this.commands = appliance.commands();
        this.health = appliance.health();
        this.dataPlane = appliance.dataPlane();
        this.principal = principal;
        this.files = appliance.files();
        this.crypto = appliance.crypto();
        this.cryptoImports = appliance.cryptoImports();
        this.ucs = appliance.ucs();
        this.dataGroupFiles = appliance.dataGroupFiles();
        this.auth = new AuthCommands(appliance.users(), appliance.audit());
    }

    public String folder() {
        return folder;
    }

    /** Runs one line (commands separated by {@code ;} run in turn) and returns what tmsh prints. */
    public String execute(String line) throws TmshError {
        StringBuilder output = new StringBuilder();
        execute(line, output::append);
        return output.toString();
    }

    /**
     * Runs one line, handing what each command prints to {@code out} as it comes ({@code run util
     * ping} line by line); a failing command stops the line with its error, after what came before.
     */
    public void execute(String line, Consumer<String> out) throws TmshError {
        Matcher rule = RULE_LINE.matcher(line);
        if (rule.find()) {
            out.accept(changeRule(line, rule));
            return;
        }
        List<Token> tokens;
        try {
            tokens = Lexer.tokens(line);
        } catch (SyntaxError e) {
            throw new TmshError("Syntax Error: " + e.getMessage());
        }
        List<Token> command = new ArrayList<>();
        for (Token token : tokens) {
            if (token.is(";")) {
                out.accept(run(command, out));
                command = new ArrayList<>();
            } else {
                command.add(token);
            }
        }
        out.accept(run(command, out));
    }

    /** The prompt's module part: {@code tmos}, or {@code tmos.ltm} inside the {@code ltm} module. */
    public String modulePrompt() {
        return context.isEmpty() ? "tmos" : "tmos." + String.join(".", context);
    }

    /** The module the session is in ({@code [ltm]}), empty at the top. */
    public List<String> context() {
        return context;
    }

    /** {@code exit} inside a module: back up one level; false when already at the top. */
    public boolean leaveContext() {
        if (context.isEmpty()) {
            return false;
        }
        context = context.subList(0, context.size() - 1);
        return true;
    }

    private String run(List<Token> input, Consumer<String> out) throws TmshError {
        if (input.isEmpty()) {
            return "";
        }
        if (input.size() == 1 && input.get(0).is("exit")) {
            leaveContext();
            return "";
        }
        if (entersContext(input)) {
            return "";
        }
        List<Token> words = inContext(input);
        currentLine = String.join(" ", words.stream().map(t -> t.quoted() ? Lexer.quote(t.text(), true) : t.text())
                .toList());
        String verb = words.get(0).text();
        if (isCliTransaction(words)) {
            return cliTransaction(verb);
        }
        if (verb.equals("show") && words.size() == 2 && words.get(1).is("running-config")) {
            return runningConfig();
        }
        if (verb.equals("delete") && isSysConnection(words)) {
            return deleteConnections(words);
        }
        if (PersistRecordsCommand.handles(words)) {
            return new PersistRecordsCommand(dataPlane.persistence(), folder).run(words);
        }
        if (CryptoCommand.handles(words)) {
            return new CryptoCommand(crypto, cryptoImports, principal, commands.snapshot(), folder).run(words);
        }
        if (UcsCommand.handles(words)) {
            return new UcsCommand(ucs, principal).run(words);
        }
        if (AuthCommands.handles(verb, words)) {
            return auth.run(principal, commands.snapshot(), words);
        }
        return switch (verb) {
            case "create", "modify", "delete" -> change(verb, words);
            case "list" -> list(words);
            case "show" -> show(words);
            case "cd" -> changeFolder(words);
            case "save", "load" -> new SysConfigCommand(files, principal).run(verb, words);
            case "publish" -> publish(words);
            case "reset-stats" -> resetStats(words);
            case "run" -> runUtil(words, out);
            default -> throw new TmshError("Syntax Error: \"" + verb + "\" unexpected argument");
        };
    }

    /** {@code run util ping [options] HOST}: the system's ping, its output streamed to {@code out}. */
    private String runUtil(List<Token> words, Consumer<String> out) throws TmshError {
        List<String> text = texts(words);
        if (!UtilPing.handles(text)) {
            throw new TmshError(text.size() == 1 ? "Syntax Error: \"run\" needs a utility (run util ping)"
                    : "Syntax Error: \"" + String.join(" ", text.subList(1, Math.min(3, text.size())))
                    + "\" unexpected argument (run util ping is the utility here)");
        }
        ping.run(PingArguments.parse(text.subList(3, text.size())), out);
        return "";
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
        if (type.singleton()) {
            if (!verb.equals("modify")) {
                throw new TmshError("Syntax Error: \"" + verb + "\" is not available for " + type.path());
            }
            return execute(List.of(new Command.Modify(type, type.singletonName(),
                    properties(snapshot, type, type.singletonName(), words, at))));
        }
        if (at >= words.size()) {
            throw new TmshError("Syntax Error: \"" + type.path() + "\" requires an object name");
        }
        List<Command> batch = new ArrayList<>();
        if (verb.equals("delete")) {
            for (Token name : words.subList(at, words.size())) {
                for (String path : named(snapshot, type, name)) {
                    batch.add(new Command.Delete(type, path));
                }
            }
        } else if (verb.equals("modify") && words.get(at).is("all") && !words.get(at).quoted()) {
            for (String path : named(snapshot, type, words.get(at))) {
                batch.add(new Command.Modify(type, path, properties(snapshot, type, path, words, at + 1)));
            }
        } else {
            String path = fullPath(type, words.get(at).text());
            List<Edit> edits = properties(snapshot, type, path, words, at + 1);
            batch.add(imported(verb.equals("create") ? new Command.Create(type, path, edits)
                    : new Command.Modify(type, path, edits)));
        }
        return execute(batch);
    }

    /**
     * What {@code delete} (or {@code modify all}) names: one object, {@code all} (every object of the
     * component in the current folder that is not a built-in) or a glob ({@code web_*}); a glob that
     * matches nothing is not found.
     */
    private List<String> named(Snapshot snapshot, ComponentType type, Token name) throws TmshError {
        boolean all = name.is("all") && !name.quoted();
        if (!all && !name.text().contains("*")) {
            return List.of(fullPath(type, name.text()));
        }
        Pattern glob = Pattern.compile(name.text().replace(".", "\\.").replace("*", ".*"));
        List<String> paths = inFolder(type, snapshot.all(type), false).stream()
                .filter(object -> !type.isBuiltin(object.fullPath()))
                .map(ConfigObject::fullPath)
                .filter(path -> all || glob.matcher(Paths.name(path)).matches())
                .toList();
        if (paths.isEmpty() && !all) {
            String path = fullPath(type, name.text());
            throw new TmshError("01020036:3: The requested " + type.label() + " (" + path + ") was not found.");
        }
        return paths;
    }

    /** {@code create|modify sys file data-group NAME source-path file:/PATH}: the file is read and checked now. */
    private Command imported(Command command) throws TmshError {
        if (!DataGroupImports.isImport(command)) {
            return command;
        }
        try {
            return dataGroupFiles.imported(principal, command);
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        }
    }

    private String execute(List<Command> batch) throws TmshError {
        if (transaction.isPresent()) {
            transaction.get().add(new Queued(currentLine, batch));
            return "";
        }
        try {
            commands.execute(principal, batch);
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        }
        return "";
    }

    /** Verbs whose component words a module context completes. */
    private static final Set<String> CONTEXT_VERBS = Set.of("create", "modify", "delete", "list", "show",
            "reset-stats", "publish");

    /** {@code ltm} (or {@code profile} inside {@code ltm}): a module path alone enters that module. */
    private boolean entersContext(List<Token> words) {
        List<String> path = new ArrayList<>(context);
        for (Token word : words) {
            if (word.quoted()) {
                return false;
            }
            path.add(word.text());
        }
        String prefix = String.join(" ", path) + " ";
        boolean isModule = commands.snapshot().schema().types().stream()
                .anyMatch(type -> type.path().startsWith(prefix));
        if (isModule) {
            context = List.copyOf(path);
        }
        return isModule;
    }

    /** Inside a module, {@code create pool p} means {@code create ltm pool p}. */
    private List<Token> inContext(List<Token> words) {
        if (context.isEmpty() || !CONTEXT_VERBS.contains(words.get(0).text())) {
            return words;
        }
        if (words.size() > 1 && (isTopLevelModule(words.get(1).text()) || words.get(1).is("running-config"))) {
            return words;
        }
        List<Token> full = new ArrayList<>();
        full.add(words.get(0));
        int line = words.get(0).line();
        context.forEach(word -> full.add(new Token(word, false, line)));
        full.addAll(words.subList(1, words.size()));
        return full;
    }

    private boolean isTopLevelModule(String word) {
        return word.equals("cli") || commands.snapshot().schema().types().stream()
                .anyMatch(type -> type.path().startsWith(word + " "));
    }

    private static boolean isCliTransaction(List<Token> words) {
        return words.size() == 3 && words.get(1).is("cli") && words.get(2).is("transaction");
    }

    /** {@code create|list|submit|discard cli transaction}: changes queued, then applied as one commit. */
    private String cliTransaction(String verb) throws TmshError {
        switch (verb) {
            case "create" -> {
                if (transaction.isPresent()) {
                    throw new TmshError("Syntax Error: a cli transaction is already in progress");
                }
                transaction = Optional.of(new ArrayList<>());
                return "";
            }
            case "list" -> {
                StringBuilder out = new StringBuilder();
                List<Queued> queued = openTransaction();
                for (int i = 0; i < queued.size(); i++) {
                    out.append(i + 1).append(": ").append(queued.get(i).line()).append('\n');
                }
                return out.toString();
            }
            case "discard" -> {
                openTransaction();
                transaction = Optional.empty();
                return "";
            }
            case "submit" -> {
                List<Command> batch = new ArrayList<>();
                openTransaction().forEach(queued -> batch.addAll(queued.commands()));
                transaction = Optional.empty();
                return execute(batch);
            }
            default -> throw new TmshError("Syntax Error: \"" + verb + " cli transaction\" unexpected argument");
        }
    }

    private List<Queued> openTransaction() throws TmshError {
        return transaction.orElseThrow(() -> new TmshError("Syntax Error: no cli transaction is in progress"));
    }

    /** {@code show running-config}: every configured object, as {@code list} shows it. */
    private String runningConfig() {
        Snapshot snapshot = commands.readable(principal);
        StanzaWriter writer = new StanzaWriter(snapshot, StanzaWriter.Mode.LIST, folder);
        StringBuilder out = new StringBuilder();
        snapshot.all().filter(ConfFile::userOrChanged).forEach(object -> out.append(writer.write(object)));
        return out.toString();
    }

    /** {@code reset-stats ltm virtual|pool|node|profile http|profile one-connect [name ...]}: counters restart. */
    private String resetStats(List<Token> words) throws TmshError {
        Snapshot snapshot = commands.snapshot();
        ComponentType type = component(snapshot, words, 1);
        if (!Set.of("ltm virtual", "ltm pool", "ltm node", "ltm profile http", "ltm profile one-connect")
                .contains(type.path())) {
            throw new TmshError("Syntax Error: \"" + type.path() + "\" has no statistics to reset");
        }
        int at = 1 + type.path().split(" ").length;
        List<String> paths = new ArrayList<>();
        if (at == words.size()) {
            snapshot.all(type).forEach(object -> paths.add(object.fullPath()));
        }
        for (Token name : words.subList(at, words.size())) {
            String path = fullPath(type, name.text());
            if (snapshot.get(type, path).isEmpty()) {
                throw new TmshError("01020036:3: The requested " + type.label() + " (" + path + ") was not found.");
            }
            paths.add(path);
        }
        paths.forEach(path -> dataPlane.resetStatistics(type.path(), path));
        return "";
    }

    /** {@code create ltm rule r { when HTTP_REQUEST { ... } }}: the Tcl between the braces, as typed. */
    private String changeRule(String line, Matcher header) throws TmshError {
        int close;
        try {
            close = TclStanzas.closingBrace(line, header.end() - 1, 1);
        } catch (SyntaxError e) {
            throw new TmshError("Syntax Error: the iRule has unbalanced braces");
        }
        if (!line.substring(close + 1).isBlank()) {
            throw new TmshError("Syntax Error: \"" + line.substring(close + 1).strip() + "\" unexpected argument");
        }
        ComponentType type = commands.snapshot().schema().require("ltm rule");
        String name = header.group(2).replace("\"", "");
        String path = fullPath(type, name);
        List<Edit> edits = List.of(new Edit.SetText("api-anonymous", line.substring(header.end(), close)));
        return execute(List.of(header.group(1).equals("create") ? new Command.Create(type, path, edits)
                : new Command.Modify(type, path, edits)));
    }

    /** {@code publish ltm policy Drafts/p}: the draft becomes the published policy {@code p}, replacing it. */
    private String publish(List<Token> words) throws TmshError {
        if (words.size() != 4 || !words.get(1).is("ltm") || !words.get(2).is("policy")) {
            throw new TmshError("Syntax Error: publish takes \"ltm policy <draft>\"");
        }
        Snapshot snapshot = commands.snapshot();
        String draft = fullPath(snapshot.schema().require("ltm policy"), words.get(3).text());
        try {
            return execute(PolicyDrafts.publish(snapshot, draft));
        } catch (ConfigError e) {
            throw new TmshError(e.getMessage());
        }
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
        Snapshot snapshot = commands.readable(principal);
        List<String> options = new ArrayList<>();
        List<Token> rest = new ArrayList<>();
        for (Token word : words.subList(1, words.size())) {
            if (word.is("all-properties") || word.is("one-line") || word.is("recursive")) {
                options.add(word.text());
            } else {
                rest.add(word);
            }
        }
        ListedProperties properties = ListedProperties.of(snapshot.schema().match(texts(rest), 0), rest);
        StanzaWriter writer = new StanzaWriter(snapshot,
                options.contains("all-properties") || properties.narrows() ? StanzaWriter.Mode.ALL_PROPERTIES
                        : StanzaWriter.Mode.LIST,
                folder, health, new CertificateDetails(crypto));
        List<ConfigObject> shown = selected(snapshot, properties.objectWords(), options.contains("recursive"));
        StringBuilder out = new StringBuilder();
        for (ConfigObject object : shown) {
            if (properties.narrows()) {
                out.append(properties.narrow(writer.write(object)));
            } else {
                out.append(options.contains("one-line") ? writer.writeOneLine(object) : writer.write(object));
            }
        }
        return out.toString();
    }

    private static boolean isSysConnection(List<Token> words) {
        return words.size() >= 3 && words.get(1).is("sys") && words.get(2).is("connection");
    }

    private static List<String> texts(List<Token> words) {
        return words.stream().map(Token::text).toList();
    }

    /**
     * {@code show ltm virtual|pool|node|profile http|profile one-connect [names] [members] [raw]},
     * {@code show net rst-cause} and
     * {@code show sys connection [filters]}.
     */
    private String show(List<Token> words) throws TmshError {
        List<Token> rest = new ArrayList<>();
        boolean raw = false;
        boolean members = false;
        for (Token word : words.subList(1, words.size())) {
            if (word.is("raw")) {
                raw = true;
            } else if (word.is("members") || word.is("detail")) {
                members = true;
            } else {
                rest.add(word);
            }
        }
        TrafficShow show = new TrafficShow(dataPlane, folder, raw);
        if (isSysConnection(words)) {
            return show.connections(dataPlane.connections().stream()
                    .filter(TrafficShow.filter(texts(words.subList(3, words.size())))).toList());
        }
        String kind = String.join(" ", texts(rest.subList(0, Math.min(2, rest.size()))));
        if (kind.equals("net rst-cause") && rest.size() == 2) {
            return show.resetCauses(dataPlane.resetCauses());
        }
        if (McpStateShow.handles(kind, rest.size())) {
            return McpStateShow.show();
        }
        Snapshot snapshot = commands.readable(principal);
        if (kind.equals("ltm profile") && rest.size() > 2 && rest.get(2).is("http")) {
            HttpProfileShow profiles = new HttpProfileShow(show);
            StringBuilder out = new StringBuilder();
            for (ConfigObject object : selected(snapshot, rest)) {
                out.append(profiles.profile(dataPlane.httpProfile(object.fullPath())));
            }
            return out.toString();
        }
        if (kind.equals("ltm profile") && rest.size() > 2 && rest.get(2).is("one-connect")) {
            OneConnectProfileShow profiles = new OneConnectProfileShow(show);
            StringBuilder out = new StringBuilder();
            for (ConfigObject object : selected(snapshot, rest)) {
                out.append(profiles.profile(dataPlane.oneConnect(object.fullPath())));
            }
            return out.toString();
        }
        if (!List.of("ltm virtual", "ltm pool", "ltm node").contains(kind)) {
            throw new TmshError("Syntax Error: \"" + kind + "\" has no statistics to show here (ltm virtual, ltm pool,"
                    + " ltm node, ltm profile http, ltm profile one-connect, net rst-cause and sys connection have)");
        }
        StringBuilder out = new StringBuilder();
        for (ConfigObject object : selected(snapshot, rest)) {
            out.append(switch (kind) {
                case "ltm virtual" -> show.virtual(object);
                case "ltm pool" -> show.pool(object, members);
                default -> show.node(object);
            });
        }
        return out.toString();
    }

    /** {@code delete sys connection [filters]}: resets the matching connections (all of them without filters). */
    private String deleteConnections(List<Token> words) throws TmshError {
        dataPlane.deleteConnections(TrafficShow.filter(texts(words.subList(3, words.size()))));
        return "";
    }

    private List<ConfigObject> selected(Snapshot snapshot, List<Token> words) throws TmshError {
        return selected(snapshot, words, false);
    }

    /** The objects the words name, in the current folder or (recursive) also in the folders below it. */
    private List<ConfigObject> selected(Snapshot snapshot, List<Token> words, boolean recursive) throws TmshError {
        List<String> prefix = new ArrayList<>();
        for (Token word : words) {
            prefix.add(word.text());
        }
        Optional<ComponentType> exact = snapshot.schema().match(prefix, 0);
        if (exact.isEmpty() && UnmodelledComponents.covers(String.join(" ", prefix))) {
            return List.of();
        }
        if (exact.isEmpty()) {
            String wanted = String.join(" ", prefix);
            List<ConfigObject> all = new ArrayList<>();
            for (ComponentType type : snapshot.schema().types()) {
                if (wanted.isEmpty() || (type.path() + " ").startsWith(wanted + " ")) {
                    all.addAll(inFolder(type, snapshot.all(type), recursive));
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
            return inFolder(type, snapshot.all(type), recursive);
        }
        List<ConfigObject> found = new ArrayList<>();
        for (Token name : names) {
            if (name.text().contains("*")) {
                Pattern glob = Pattern.compile(name.text().replace(".", "\\.").replace("*", ".*"));
                for (ConfigObject object : inFolder(type, snapshot.all(type), recursive)) {
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

    private List<ConfigObject> inFolder(ComponentType type, Collection<ConfigObject> objects, boolean recursive) {
        if (!type.partitioned()) {
            return List.copyOf(objects);
        }
        String below = folder.equals("/") ? "/" : folder + "/";
        return objects.stream().filter(o -> Paths.folder(o.fullPath()).equals(folder)
                || (recursive && o.fullPath().startsWith(below))).toList();
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
