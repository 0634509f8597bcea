package net.gatehouse.appliance.persist.irule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the {@code persist uie} commands of an iRule that Gatehouse can carry out, without running
 * any Tcl. The supported subset: at the top level, {@code when CLIENT_ACCEPTED} and
 * {@code when HTTP_REQUEST} blocks (with an optional {@code priority N}); in them,
 * {@code persist uie <key> [timeout]} where {@code <key>} is one of {@code [HTTP::header [value] NAME]},
 * {@code [HTTP::cookie [value] NAME]}, {@code [HTTP::uri]}, {@code [HTTP::path]}, {@code [HTTP::host]},
 * {@code [HTTP::query]}, {@code [URI::query [HTTP::uri] NAME]}, {@code [IP::client_addr]}, or one of
 * these in {@code [string tolower ...]} ({@code CLIENT_ACCEPTED} knows only {@code IP::client_addr}).
 * Everything else in the rule is named in {@link Reading#unsupported}, in words a log can print.
 */
public final class PersistRule {

    private static final Set<String> EVENTS = Set.of("CLIENT_ACCEPTED", "HTTP_REQUEST");
    private static final Set<String> REQUEST_PARTS = Set.of("uri", "path", "query", "host");

    private PersistRule() {
    }

    /**
     * What an iRule gives universal persistence.
     *
     * @param key         the recognised {@code persist uie} commands; empty when there is none
     * @param unsupported each command or construct that is not in the subset (and is not carried out)
     */
    public record Reading(Optional<UniversalKey> key, List<String> unsupported) {
    }

    public static Reading read(String tcl) {
        List<String> unsupported = new ArrayList<>();
        List<UniversalKey.Statement> statements = new ArrayList<>();
        List<List<TclWords.Word>> commands;
        try {
            commands = TclWords.commands(tcl);
        } catch (IllegalArgumentException e) {
            return new Reading(Optional.empty(), List.of("unparsable Tcl (" + e.getMessage() + ")"));
        }
        for (List<TclWords.Word> command : commands) {
            String name = command.get(0).text();
            if (!name.equals("when") || command.size() < 3) {
                unsupported.add(name + " (at the top level)");
                continue;
            }
            String event = command.get(1).text();
            if (!EVENTS.contains(event)) {
                unsupported.add("when " + event);
                continue;
            }
            if (!(command.size() == 3 || command.size() == 5 && command.get(2).text().equals("priority"))) {
                unsupported.add("when " + event + " " + command.get(2).text());
                continue;
            }
            event(event, command.get(command.size() - 1).text(), statements, unsupported);
        }
        return new Reading(statements.isEmpty() ? Optional.empty() : Optional.of(new UniversalKey(statements)),
                List.copyOf(unsupported));
    }

    private static void event(String event, String body, List<UniversalKey.Statement> statements,
            List<String> unsupported) {
        List<List<TclWords.Word>> commands;
        try {
            commands = TclWords.commands(body);
        } catch (IllegalArgumentException e) {
            unsupported.add("unparsable Tcl in " + event + " (" + e.getMessage() + ")");
            return;
        }
        for (List<TclWords.Word> command : commands) {
            Optional<UniversalKey.Statement> statement = persistUie(event, command);
            if (statement.isPresent()) {
                statements.add(statement.get());
            } else {
                unsupported.add(words(command) + " (in " + event + ")");
            }
        }
    }

    private static Optional<UniversalKey.Statement> persistUie(String event, List<TclWords.Word> command) {
        if (command.size() < 3 || command.size() > 4 || !command.get(0).text().equals("persist")
                || !command.get(1).text().equals("uie")) {
            return Optional.empty();
        }
        OptionalLong timeout = OptionalLong.empty();
        if (command.size() == 4) {
            if (!command.get(3).text().matches("\\d{1,9}")) {
                return Optional.empty();
            }
            timeout = OptionalLong.of(Long.parseLong(command.get(3).text()));
        }
        OptionalLong finalTimeout = timeout;
        return expression(command.get(2))
                .filter(e -> event.equals("HTTP_REQUEST") || !e.readsRequest())
                .map(e -> new UniversalKey.Statement(event, e, finalTimeout));
    }

    /** A word that is one recognised command substitution, as an expression. */
    static Optional<KeyExpression> expression(TclWords.Word word) {
        if (!word.isSubstitution()) {
            return Optional.empty();
        }
        List<List<TclWords.Word>> inner;
        try {
            inner = TclWords.commands(word.substitution());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (inner.size() != 1) {
            return Optional.empty();
        }
        List<TclWords.Word> words = inner.get(0);
        String name = words.get(0).text();
        List<TclWords.Word> args = words.subList(1, words.size());
        if (name.equals("string") && args.size() == 2 && args.get(0).text().equals("tolower")) {
            return expression(args.get(1)).map(KeyExpression.ToLower::new);
        }
        if ((name.equals("HTTP::header") || name.equals("HTTP::cookie")) && !args.isEmpty()) {
            List<TclWords.Word> rest = args.size() == 2 && args.get(0).text().equals("value") ? args.subList(1, 2)
                    : args;
            if (rest.size() != 1 || rest.get(0).isSubstitution()) {
                return Optional.empty();
            }
            String headerOrCookie = rest.get(0).text();
            return Optional.of(name.equals("HTTP::header") ? new KeyExpression.Header(headerOrCookie)
                    : new KeyExpression.Cookie(headerOrCookie));
        }
        if (name.startsWith("HTTP::") && args.isEmpty() && REQUEST_PARTS.contains(name.substring(6))) {
            return Optional.of(new KeyExpression.Request(name.substring(6)));
        }
        if (name.equals("URI::query") && args.size() == 2 && args.get(0).text().equals("[HTTP::uri]")
                && !args.get(1).isSubstitution()) {
            return Optional.of(new KeyExpression.QueryParameter(args.get(1).text()));
        }
        if (name.equals("IP::client_addr") && args.isEmpty()) {
            return Optional.of(new KeyExpression.ClientAddress());
        }
        return Optional.empty();
    }

    /** How a log names an unsupported command: {@code persist uie [HTTP::payload]}, else its first word ({@code if}). */
    private static String words(List<TclWords.Word> command) {
        if (command.get(0).text().equals("persist")) {
            return String.join(" ", command.stream().limit(3).map(TclWords.Word::text).toList());
        }
        return command.get(0).text();
    }
}
