package net.gatehouse.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Schema;
import net.gatehouse.appliance.syntax.Lexer;
import net.gatehouse.appliance.syntax.SyntaxError;
import net.gatehouse.appliance.syntax.Token;

/**
 * What a remote tmsh session carries from one line to the next, kept by the client: each REST call
 * is a fresh tmsh on the appliance, so the current folder and module are sent again before every line
 * ({@code cd /Common/app; ltm; create pool p1}), and the lines of a {@code cli transaction} are kept
 * here and sent together with {@code submit cli transaction}, so the appliance applies them all or none.
 * While a transaction is open, each new line is checked by sending the transaction so far with it and
 * {@code discard cli transaction}, so a line tmsh would refuse is refused as it is typed. The client
 * follows {@code cd}, modules and {@code exit} as tmsh does, from the same schema, but only for lines
 * that succeed: a failed line changes nothing.
 */
final class RemoteContext {

    /** More lines than this in one transaction is a runaway, not a change. */
    static final int MAX_TRANSACTION_LINES = 10_000;

    /** {@code create|modify ltm rule NAME {}: tmsh takes the iRule's Tcl verbatim, only at the start of a line. */
    private static final Pattern RULE_LINE =
            Pattern.compile("^\\s*(create|modify)\\s+ltm\\s+rule\\s+(\"[^\"]*\"|[^\\s{}]+)\\s*\\{");

    /** The folder and module the next line runs in, and the open transaction's lines, if one is open. */
    record State(String folder, List<String> module, Optional<Transaction> transaction) {
        State {
            module = List.copyOf(module);
        }
    }

    /** An open {@code cli transaction}: the context it was opened in and its lines so far (the first opens it). */
    record Transaction(String prefix, List<String> lines) {
        Transaction {
            lines = List.copyOf(lines);
        }
    }

    /**
     * One REST call for a line: the tmsh commands to send, whether their output is the line's (not
     * when the line is only being checked into a transaction), and the state if the call succeeds.
     */
    record Call(String commands, boolean showsOutput, State next) {
    }

    /** A line that cannot be sent as it is; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final Schema schema;
    private State state = new State(Paths.COMMON, List.of(), Optional.empty());

    RemoteContext(Schema schema) {
        this.schema = schema;
    }

    String folder() {
        return state.folder();
    }

    /** The prompt's module part: {@code tmos}, or {@code tmos.ltm} inside {@code ltm}, as tmsh shows it. */
    String modulePrompt() {
        return state.module().isEmpty() ? "tmos" : "tmos." + String.join(".", state.module());
    }

    boolean inTransaction() {
        return state.transaction().isPresent();
    }

    /** {@code exit} alone: leaves the module; false when already at the top. */
    boolean leaveModule() {
        if (state.module().isEmpty()) {
            return false;
        }
        state = new State(state.folder(), state.module().subList(0, state.module().size() - 1), state.transaction());
        return true;
    }

    /** {@code list cli transaction} while one is open: its lines, numbered, as they were typed. */
    Optional<String> listTransaction(String line) {
        if (!line.strip().equals("list cli transaction") || state.transaction().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        List<String> lines = state.transaction().get().lines();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i + 1).append(": ").append(lines.get(i)).append('\n');
        }
        return Optional.of(out.toString());
    }

    /** The call that runs {@code line} in the current context. */
    Call call(String line) throws Refused {
        State before = state;
        Matcher rule = RULE_LINE.matcher(line);
        if (rule.find()) {
            if (before.transaction().isPresent()) {
                throw new Refused("an iRule cannot be queued in a remote cli transaction"
                        + " (tmsh reads it only at the start of a line); create it before or after the transaction");
            }
            return new Call(inFolder(line, rule), true, before);
        }
        State next = after(before, line);
        if (next.transaction().isPresent()) {
            Transaction open = next.transaction().get();
            if (open.lines().size() > MAX_TRANSACTION_LINES) {
                throw new Refused("a cli transaction may hold " + MAX_TRANSACTION_LINES + " lines at most");
            }
            return new Call(open.prefix() + String.join("; ", open.lines()) + "; discard cli transaction", false, next);
        }
        if (before.transaction().isPresent()) {
            Transaction closing = before.transaction().get();
            return new Call(closing.prefix() + String.join("; ", closing.lines()) + "; " + line, true, next);
        }
        return new Call(prefix(before) + line, true, next);
    }

    /**
     * What the call did: on success the context moves on; a failed line changes nothing, except that a
     * failed {@code submit} ends the transaction, as in tmsh.
     */
    void done(Call call, boolean failed) {
        if (!failed || state.transaction().isPresent() && call.next().transaction().isEmpty()) {
            state = call.next();
        }
    }

    /** The commands that put a fresh tmsh where {@code state} is: {@code cd FOLDER; MODULE; }, nothing at the top of /Common. */
    private static String prefix(State state) {
        StringBuilder prefix = new StringBuilder();
        if (!state.folder().equals(Paths.COMMON)) {
            prefix.append("cd ").append(Lexer.quote(state.folder(), false)).append("; ");
        }
        if (!state.module().isEmpty()) {
            prefix.append(String.join(" ", state.module())).append("; ");
        }
        return prefix.toString();
    }

    /** An iRule line names its rule by full path when the session is in another folder. */
    private String inFolder(String line, Matcher rule) {
        String name = rule.group(2);
        if (name.startsWith("/") || name.startsWith("\"/") || state.folder().equals(Paths.COMMON)) {
            return line;
        }
        String full = name.startsWith("\"") ? "\"" + Paths.join(state.folder(), name.substring(1))
                : Paths.join(state.folder(), name);
        return line.substring(0, rule.start(2)) + full + line.substring(rule.end(2));
    }

    /** The state after {@code line} runs in {@code before}, following each of its commands as tmsh would. */
    private State after(State before, String line) {
        String folder = before.folder();
        List<String> module = before.module();
        Optional<Transaction> transaction = before.transaction()
                .map(open -> new Transaction(open.prefix(), append(open.lines(), line)));
        for (List<Token> command : commands(line)) {
            List<String> words = command.stream().map(Token::text).toList();
            if (words.size() == 1 && command.get(0).is("exit")) {
                module = module.isEmpty() ? module : module.subList(0, module.size() - 1);
            } else if (words.size() == 2 && command.get(0).is("cd")) {
                folder = changeFolder(folder, words.get(1));
            } else if (words.size() == 3 && command.get(1).is("cli") && command.get(2).is("transaction")) {
                if (words.get(0).equals("create") && transaction.isEmpty()) {
                    transaction = Optional.of(new Transaction(prefix(before), List.of(line)));
                } else if (words.get(0).equals("submit") || words.get(0).equals("discard")) {
                    transaction = Optional.empty();
                }
            } else if (entersModule(module, command)) {
                List<String> path = new ArrayList<>(module);
                path.addAll(words);
                module = path;
            }
        }
        return new State(folder, module, transaction);
    }

    /** tmsh's test: a line of plain words that, after the current module, begins some component's path. */
    private boolean entersModule(List<String> module, List<Token> command) {
        if (command.isEmpty() || command.stream().anyMatch(Token::quoted)) {
            return false;
        }
        List<String> path = new ArrayList<>(module);
        command.forEach(token -> path.add(token.text()));
        String prefix = String.join(" ", path) + " ";
        return schema.types().stream().anyMatch(type -> type.path().startsWith(prefix));
    }

    private static String changeFolder(String folder, String target) {
        if (target.equals("..")) {
            return Paths.folder(folder);
        }
        return target.startsWith("/") ? target : Paths.join(folder, target);
    }

    /** The line's commands ({@code ;} separates them); a line tmsh cannot read has none to follow. */
    private static List<List<Token>> commands(String line) {
        List<List<Token>> commands = new ArrayList<>();
        List<Token> command = new ArrayList<>();
        try {
            for (Token token : Lexer.tokens(line)) {
                if (token.is(";")) {
                    commands.add(command);
                    command = new ArrayList<>();
                } else {
                    command.add(token);
                }
            }
        } catch (SyntaxError e) {
            return List.of();
        }
        commands.add(command);
        return commands;
    }

    private static List<String> append(List<String> lines, String line) {
        List<String> all = new ArrayList<>(lines);
        all.add(line);
        return all;
    }
}
