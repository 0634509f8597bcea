package net.gatehouse.appliance.persist.irule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.gatehouse.appliance.persist.PersistContext;
import net.gatehouse.appliance.persist.PersistMode;

/**
 * The iRules attached to a virtual server ({@code rules { ... }}), compiled into the small subset
 * Gatehouse runs: {@code when CLIENT_ACCEPTED} and {@code when HTTP_REQUEST} (with an optional
 * {@code priority N}), containing only {@code persist uie|hash <key> [timeout]}, {@code persist none},
 * {@code pool NAME}, {@code HTTP::redirect <url>} and
 * {@code HTTP::respond <status> [content <text>] [noserver] [<name> <value>]...}, with keys and text
 * built from the expressions of {@link PersistRule}. No other Tcl runs (no {@code if}, no variables):
 * a rule with anything else is {@link #refusal refused} whole, naming the rule and the commands, and
 * the virtual takes no traffic rather than run part of it.
 * <p>
 * Events run as BIG-IP orders them: {@code CLIENT_ACCEPTED} once per connection, then
 * {@code HTTP_REQUEST} for each request; within an event, by priority (500 when not given), then in
 * the order the rules are attached, then in the order written.
 */
public final class VirtualRules {

    public static final VirtualRules NONE = new VirtualRules(List.of(), List.of(), Optional.empty());

    private static final int DEFAULT_PRIORITY = 500;

    private final List<RuleCommand> clientAccepted;
    private final List<RuleCommand> httpRequest;
    private final Optional<String> refusal;

    private VirtualRules(List<RuleCommand> clientAccepted, List<RuleCommand> httpRequest, Optional<String> refusal) {
        this.clientAccepted = List.copyOf(clientAccepted);
        this.httpRequest = List.copyOf(httpRequest);
        this.refusal = refusal;
    }

    /** One {@code when} block: its event, priority, place among the virtual's blocks and commands. */
    private record Block(String rule, String event, int priority, int order, List<RuleCommand> commands) {
    }

    /**
     * Compiles a virtual's rules.
     *
     * @param rulePaths  the rules' full paths, in the order attached
     * @param http       whether the virtual has an http profile ({@code HTTP_REQUEST} needs one)
     * @param ruleText   a rule's Tcl by full path
     * @param poolExists whether a pool of that full path is configured ({@code pool NAME} must name one)
     */
    public static VirtualRules compile(List<String> rulePaths, boolean http,
            Function<String, Optional<String>> ruleText, Predicate<String> poolExists) {
        List<Block> blocks = new ArrayList<>();
        for (String rulePath : rulePaths) {
            List<String> unsupported = new ArrayList<>();
            Reader reader = new Reader(rulePath, http, poolExists, unsupported);
            reader.rule(ruleText.apply(rulePath).orElse(""), blocks);
            if (!unsupported.isEmpty()) {
                return refused(rulePath, "not supported: " + String.join(", ", unsupported));
            }
        }
        blocks.sort(Comparator.comparingInt(Block::priority).thenComparingInt(Block::order));
        List<RuleCommand> accepted = new ArrayList<>();
        List<RuleCommand> request = new ArrayList<>();
        boolean answered = false;
        for (Block block : blocks) {
            for (RuleCommand command : block.commands()) {
                boolean answers = command instanceof RuleCommand.Redirect || command instanceof RuleCommand.Respond;
                if (answers && answered) {
                    return refused(block.rule(), "it answers a request that an HTTP::redirect or HTTP::respond"
                            + " already answered (BIG-IP sends one response per request)");
                }
                answered |= answers;
                (block.event().equals("CLIENT_ACCEPTED") ? accepted : request).add(command);
            }
        }
        return new VirtualRules(accepted, request, Optional.empty());
    }

    private static VirtualRules refused(String rule, String why) {
        return new VirtualRules(List.of(), List.of(), Optional.of("The iRule " + rule
                + " cannot run on this appliance, so the virtual server takes no traffic; " + why));
    }

    /** Why the virtual cannot run its rules (and so takes no traffic); empty when it can. */
    public Optional<String> refusal() {
        return refusal;
    }

    /** Runs {@code CLIENT_ACCEPTED} for a new client connection. */
    public void clientAccepted(PersistContext connection, RuleDecision decision) {
        clientAccepted.forEach(command -> command.run(connection, decision));
    }

    /**
     * Runs {@code HTTP_REQUEST} for a request ({@code connection} carries it; it is only gathered
     * when the virtual's rules have such an event, so a virtual without rules pays nothing per request).
     */
    public void httpRequest(Supplier<PersistContext> connection, RuleDecision decision) {
        decision.nextRequest();
        if (httpRequest.isEmpty()) {
            return;
        }
        PersistContext facts = connection.get();
        for (RuleCommand command : httpRequest) {
            command.run(facts, decision);
        }
    }

    /** Reads one rule's blocks, adding what is outside the subset to {@code unsupported}. */
    private record Reader(String rulePath, boolean http, Predicate<String> poolExists, List<String> unsupported) {

        void rule(String tcl, List<Block> blocks) {
            List<List<TclWords.Word>> commands;
            try {
                commands = TclWords.commands(tcl);
            } catch (IllegalArgumentException e) {
                unsupported.add("unparsable Tcl (" + e.getMessage() + ")");
                return;
            }
            for (List<TclWords.Word> command : commands) {
                String name = command.get(0).text();
                if (!name.equals("when") || command.size() < 3) {
                    unsupported.add(name + " (at the top level)");
                    continue;
                }
                String event = command.get(1).text();
                if (!event.equals("CLIENT_ACCEPTED") && !event.equals("HTTP_REQUEST")) {
                    unsupported.add("when " + event);
                    continue;
                }
                OptionalLong priority = command.size() == 3 ? OptionalLong.of(DEFAULT_PRIORITY)
                        : command.size() == 5 && command.get(2).text().equals("priority")
                        && command.get(3).text().matches("\\d{1,3}|1000") ? OptionalLong.of(Long.parseLong(
                                command.get(3).text())) : OptionalLong.empty();
                if (priority.isEmpty()) {
                    unsupported.add("when " + event + " " + command.get(2).text());
                    continue;
                }
                if (event.equals("HTTP_REQUEST") && !http) {
                    unsupported.add("when HTTP_REQUEST (the virtual server has no http profile)");
                    continue;
                }
                blocks.add(new Block(rulePath, event, (int) priority.getAsLong(), blocks.size(),
                        body(event, command.get(command.size() - 1).text())));
            }
        }

        private List<RuleCommand> body(String event, String script) {
            List<RuleCommand> commands = new ArrayList<>();
            try {
                for (List<TclWords.Word> words : TclWords.commands(script)) {
                    Optional<RuleCommand> command = command(event, words);
                    if (command.isPresent()) {
                        commands.add(command.get());
                    } else {
                        unsupported.add(describe(words) + " (in " + event + ")");
                    }
                }
            } catch (IllegalArgumentException e) {
                unsupported.add("unparsable Tcl in " + event + " (" + e.getMessage() + ")");
            }
            return commands;
        }

        private Optional<RuleCommand> command(String event, List<TclWords.Word> words) {
            boolean request = event.equals("HTTP_REQUEST");
            List<TclWords.Word> args = words.subList(1, words.size());
            return switch (words.get(0).text()) {
                case "persist" -> persist(request, args);
                case "pool" -> args.size() == 1 && literal(args.get(0)) ? pool(args.get(0).text()) : Optional.empty();
                case "HTTP::redirect" -> request && args.size() == 1
                        ? Template.of(args.get(0)).<RuleCommand>map(RuleCommand.Redirect::new) : Optional.empty();
                case "HTTP::respond" -> request ? respond(args) : Optional.empty();
                default -> Optional.empty();
            };
        }

        private Optional<RuleCommand> persist(boolean request, List<TclWords.Word> args) {
            if (args.size() == 1 && args.get(0).text().equals("none")) {
                return Optional.of(new RuleCommand.PersistNone());
            }
            if (args.size() < 2 || args.size() > 3) {
                return Optional.empty();
            }
            PersistMode mode = switch (args.get(0).text()) {
                case "uie" -> PersistMode.UNIVERSAL;
                case "hash" -> PersistMode.HASH;
                default -> null;
            };
            if (mode == null || args.size() == 3 && !args.get(2).text().matches("\\d{1,9}")) {
                return Optional.empty();
            }
            OptionalLong timeout = args.size() == 3 ? OptionalLong.of(Long.parseLong(args.get(2).text()))
                    : OptionalLong.empty();
            return PersistRule.expression(args.get(1)).filter(e -> request || !e.readsRequest())
                    .<RuleCommand>map(e -> new RuleCommand.PersistOn(mode, e, timeout));
        }

        private Optional<RuleCommand> pool(String name) {
            String fullPath = name.startsWith("/") ? name
                    : rulePath.substring(0, rulePath.lastIndexOf('/') + 1) + name;
            if (!poolExists.test(fullPath)) {
                unsupported.add("pool " + name + " (no pool " + fullPath + " is configured)");
            }
            return Optional.of(new RuleCommand.Pool(fullPath));
        }

        private static Optional<RuleCommand> respond(List<TclWords.Word> args) {
            if (args.isEmpty() || !literal(args.get(0)) || !args.get(0).text().matches("[1-5]\\d\\d")) {
                return Optional.empty();
            }
            int status = Integer.parseInt(args.get(0).text());
            Template content = new Template(List.of());
            boolean server = true;
            List<RuleCommand.Respond.Header> headers = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                String word = args.get(i).text();
                if (word.equals("noserver") && literal(args.get(i))) {
                    server = false;
                    continue;
                }
                if (i + 1 >= args.size() || !literal(args.get(i)) || word.startsWith("-")) {
                    return Optional.empty();
                }
                Optional<Template> value = Template.of(args.get(++i));
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                if (word.equals("content")) {
                    content = value.get();
                } else {
                    headers.add(new RuleCommand.Respond.Header(word, value.get()));
                }
            }
            return Optional.of(new RuleCommand.Respond(status, content, server, headers));
        }

        /** A word without substitution: a name as written. */
        private static boolean literal(TclWords.Word word) {
            return word.form() == TclWords.Form.BRACED
                    || !word.text().contains("[") && !word.text().contains("$") && !word.text().contains("\\");
        }

        /** How a refusal names a command: {@code persist uie [HTTP::payload]}, else its first word. */
        private static String describe(List<TclWords.Word> words) {
            String name = words.get(0).text();
            if (name.equals("persist") || name.equals("pool")) {
                return String.join(" ", words.stream().limit(3).map(TclWords.Word::text).toList());
            }
            return name;
        }
    }
}
