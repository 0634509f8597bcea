package net.gatehouse.firmware;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.gatehouse.appliance.schema.Schema;

/**
 * {@code gatehouse tmsh}: tmsh on a running appliance, over its REST API, from a script's point of
 * view. One {@code -c} line, a script file (line by line, stopping at the first failure), or lines read
 * from standard input. Each line is its own tmsh invocation on the appliance; the folder, the module
 * and an open {@code cli transaction} carry from line to line through {@link RemoteContext}.
 *
 * <p>Exit codes: {@link #EXIT_OK} when every command succeeded, {@link #EXIT_FAILED} when the appliance
 * refused one, {@link #EXIT_USAGE} when the command line was not understood, {@link #EXIT_UNREACHABLE}
 * when the appliance cannot be reached or the login fails.
 */
final class TmshCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNREACHABLE = 3;
    /** Where the password comes from when there is no terminal to ask on. */
    static final String PASSWORD_VARIABLE = "GATEHOUSE_PASSWORD";
    /** More lines than this in one run is not a script but a runaway input. */
    private static final int MAX_LINES = 1_000_000;

    private final Map<String, String> environment;
    private final Optional<Console> console;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    TmshCommand(Map<String, String> environment, Optional<Console> console, InputStream stdin, PrintStream out,
            PrintStream err) {
        this.environment = environment;
        this.console = console;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code gatehouse tmsh ARGS} (the arguments after {@code tmsh}) and answers the exit code. */
    int run(List<String> args) {
        TmshOptions options;
        try {
            options = TmshOptions.parse(args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        List<String> scriptLines = List.of();
        if (options.script().isPresent()) {
            try {
                scriptLines = Files.readAllLines(options.script().get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return usage("cannot read the script file " + options.script().get() + ": " + e.getMessage());
            }
        }
        Optional<String> password = password(options.user());
        if (password.isEmpty()) {
            return usage("no password: set " + PASSWORD_VARIABLE + " or run on a terminal to be asked");
        }
        try {
            RemoteTmsh tmsh = RemoteTmsh.login(options, password.get());
            RemoteContext context = new RemoteContext(Schema.standard());
            if (options.commands().isPresent()) {
                int exit = runOne(tmsh, context, options.commands().get(), Optional.empty());
                return unsubmitted(context) ? EXIT_FAILED : exit;
            }
            if (options.script().isPresent()) {
                return runScript(tmsh, context, options.script().get().toString(), scriptLines);
            }
            return runInteractive(tmsh, context, options);
        } catch (RemoteTmsh.Unreachable e) {
            err.println("gatehouse tmsh: " + e.getMessage());
            return EXIT_UNREACHABLE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Runs the script's lines in one context, stopping at the first failure, {@code quit} or a top-level {@code exit}. */
    private int runScript(RemoteTmsh tmsh, RemoteContext context, String name, List<String> lines)
            throws RemoteTmsh.Unreachable {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (ends(context, line)) {
                break;
            }
            if (isCommand(line) && !line.equals("exit")
                    && runOne(tmsh, context, line, Optional.of(name + " line " + (i + 1))) != EXIT_OK) {
                return EXIT_FAILED;
            }
        }
        return unsubmitted(context) ? EXIT_FAILED : EXIT_OK;
    }

    /** Reads lines until end of input, {@code quit} or a top-level {@code exit}; a failure sets the exit code. */
    private int runInteractive(RemoteTmsh tmsh, RemoteContext context, TmshOptions options)
            throws RemoteTmsh.Unreachable {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        int exit = EXIT_OK;
        for (int count = 0; count < MAX_LINES; count++) {
            if (console.isPresent()) {
                out.print(options.user() + "@(" + options.host() + ")(" + context.folder() + ")("
                        + context.modulePrompt() + ")# ");
                out.flush();
            }
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                err.println("gatehouse tmsh: cannot read standard input: " + e.getMessage());
                return EXIT_FAILED;
            }
            if (line == null || ends(context, line.strip())) {
                return unsubmitted(context) ? EXIT_FAILED : exit;
            }
            String command = line.strip();
            if (isCommand(command) && !command.equals("exit")
                    && runOne(tmsh, context, command, Optional.empty()) != EXIT_OK) {
                exit = EXIT_FAILED;
            }
        }
        err.println("gatehouse tmsh: stopped after " + MAX_LINES + " lines");
        return exit;
    }

    /** {@code quit}, or {@code exit} at the top (inside a module, {@code exit} leaves the module instead). */
    private static boolean ends(RemoteContext context, String line) {
        return line.equals("quit") || line.equals("exit") && !context.leaveModule();
    }

    /** A transaction still open at the end was never submitted: nothing in it was applied. */
    private boolean unsubmitted(RemoteContext context) {
        if (context.inTransaction()) {
            err.println("gatehouse tmsh: the cli transaction was not submitted; nothing in it was applied");
        }
        return context.inTransaction();
    }

    private int runOne(RemoteTmsh tmsh, RemoteContext context, String line, Optional<String> where)
            throws RemoteTmsh.Unreachable {
        String prefix = where.map(w -> "gatehouse tmsh: " + w + ": ").orElse("");
        Optional<String> queued = context.listTransaction(line);
        if (queued.isPresent()) {
            out.print(queued.get());
            return EXIT_OK;
        }
        RemoteContext.Call call;
        try {
            call = context.call(line);
        } catch (RemoteContext.Refused e) {
            err.println(prefix.isEmpty() ? "gatehouse tmsh: " + e.getMessage() : prefix + e.getMessage());
            return EXIT_FAILED;
        }
        RemoteTmsh.Result result = tmsh.run(call.commands());
        context.done(call, result.failed());
        if (!result.failed()) {
            if (call.showsOutput()) {
                out.print(result.output());
            }
            return EXIT_OK;
        }
        err.print(prefix + (call.showsOutput() ? result.output() : TmshErrors.fromFirstError(result.output())));
        return EXIT_FAILED;
    }

    private static boolean isCommand(String line) {
        return !line.isEmpty() && !line.startsWith("#");
    }

    private Optional<String> password(String user) {
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return Optional.of(fromEnvironment);
        }
        return console.map(c -> c.readPassword("Password for %s: ", user)).map(String::new);
    }

    private int usage(String message) {
        err.println("gatehouse tmsh: " + message);
        err.println(TmshOptions.USAGE);
        err.flush();
        return EXIT_USAGE;
    }
}
