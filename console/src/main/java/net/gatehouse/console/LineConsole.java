package net.gatehouse.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;

/**
 * A plain line console: reads lines, runs each through a tmsh session and prints what tmsh prints
 * (its output, or its error message). {@code quit}, {@code exit} or the end of the input ends it.
 * No line editing or completion: that comes with the JLine terminal.
 */
public final class LineConsole {

    private static final String HOST = "gatehouse";

    private final String user;
    private final TmshSession session;
    private final BufferedReader in;
    private final PrintStream out;

    /** A console for {@code user} (shown in the prompt) driving {@code session}. */
    public LineConsole(String user, TmshSession session, InputStream in, PrintStream out) {
        this.user = user;
        this.session = session;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
    }

    /** Runs until {@code quit}, {@code exit} or the end of the input. */
    public void run() throws IOException {
        while (true) {
            out.print(prompt());
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                out.flush();
                return;
            }
            String command = line.strip();
            if (command.equals("quit") || command.equals("exit")) {
                return;
            }
            print(runLine(command));
        }
    }

    /** The tmsh prompt, showing the session's current folder. */
    public String prompt() {
        return user + "@(" + HOST + ")(cfg-sync Standalone)(Active)(" + session.folder() + ")(tmos)# ";
    }

    private String runLine(String command) {
        try {
            return session.execute(command);
        } catch (TmshError e) {
            return e.getMessage();
        }
    }

    private void print(String text) {
        if (text.isEmpty()) {
            return;
        }
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
    }
}
