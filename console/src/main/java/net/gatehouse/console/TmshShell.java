package net.gatehouse.console;

import java.io.IOError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive tmsh shell on a JLine terminal (the local console, or an SSH channel): BIG-IP's
 * prompt, persistent history, tab completion and {@code ?} help from the schema. Keys in,
 * commands out: every line runs through the appliance's {@link TmshSession}.
 */
public final class TmshShell {

    private static final Logger LOG = LoggerFactory.getLogger(TmshShell.class);
    private static final String HOST = "gatehouse";

    private final String user;
    private final TmshSession session;
    private final LineReader reader;
    private final IdleTimeout idleTimeout;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean timedOut;

    /**
     * @param history where the command history is kept between sessions, if anywhere
     */
    public TmshShell(String user, TmshSession session, Supplier<Snapshot> snapshot, Terminal terminal,
            Optional<Path> history) {
        this.user = user;
        this.session = session;
        this.idleTimeout = new IdleTimeout(snapshot);
        DefaultParser parser = new DefaultParser();
        parser.setEofOnUnclosedQuote(true);
        parser.setEofOnUnclosedBracket(DefaultParser.Bracket.CURLY);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("tmsh")
                .parser(parser)
                .completer(new TmshCompleter(session, snapshot))
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        history.ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        this.reader = builder.build();
        // "?" lists what may come next with a word of help, as tmsh does.
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(LineReader.LIST_CHOICES), "?");
        reader.getKeyMaps().get(LineReader.MAIN).bind(new Reference(LineReader.SELF_INSERT), KeyMap.ctrl('V') + "?");
    }

    /** The tmsh prompt, showing the session's current folder. */
    public String prompt() {
        return user + "@(" + HOST + ")(cfg-sync Standalone)(Active)(" + session.folder() + ")("
                + session.modulePrompt() + ")# ";
    }

    /**
     * Runs until {@code quit}, {@code exit} at the top level (inside a module {@code exit} leaves
     * the module) or end of input (Ctrl-D); Ctrl-C abandons the line.
     */
    public void run() {
        Thread shell = Thread.currentThread();
        Thread watchdog = new Thread(() -> watchIdle(shell), "tmsh-idle-" + user);
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            loop();
        } finally {
            watchdog.interrupt();
        }
    }

    private void loop() {
        while (!timedOut) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException | IOError e) {
                return;
            }
            if (timedOut) {
                return;
            }
            lastActivityNanos = System.nanoTime();
            String command = line.strip();
            if (command.equals("quit") || command.equals("exit") && !session.leaveContext()) {
                return;
            }
            if (command.equals("exit")) {
                continue;
            }
            runLine(command);
        }
    }

    /** Ends the session when it has been idle longer than {@code console-inactivity-timeout}. */
    private void watchIdle(Thread shell) {
        try {
            while (!timedOut) {
                Thread.sleep(1000);
                if (IdleTimeout.expired(idleTimeout.limit(), lastActivityNanos, System.nanoTime())) {
                    timedOut = true;
                    print("\nThe session timed out after " + idleTimeout.limit().toSeconds()
                            + " seconds without a command.");
                    reader.getTerminal().reader().shutdown();
                    reader.getTerminal().close();
                    shell.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Could not close the idle session of {}", user, e);
        }
    }

    /** Runs a line, printing what it prints as it comes ({@code run util ping} line by line), then any error. */
    private void runLine(String command) {
        try {
            session.execute(command, this::print);
        } catch (TmshError e) {
            print(e.getMessage());
        }
    }

    private void print(String text) {
        if (text.isEmpty()) {
            return;
        }
        reader.getTerminal().writer().print(text.endsWith("\n") ? text : text + "\n");
        reader.getTerminal().writer().flush();
    }
}
