package net.gatehouse.firmware;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code gatehouse tmsh} was asked to do: which appliance to reach, as whom, and where the
 * commands come from ({@code -c}, a script file, or, with neither, lines read from standard input).
 *
 * @param host      the appliance's management address
 * @param port      its management (REST) port
 * @param user      the account to log in as
 * @param insecure  whether to skip the verification of the appliance's certificate (like {@code curl -k})
 * @param commands  the {@code -c} line, if given
 * @param script    the script file, if given
 */
record TmshOptions(String host, int port, String user, boolean insecure, Optional<String> commands,
        Optional<Path> script) {

    static final String USAGE = "usage: gatehouse tmsh [--host H] [--port P] [--user U] [--insecure]"
            + " [-c \"command; command\" | FILE]";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final String DEFAULT_USER = "admin";

    /** Parses the arguments after {@code tmsh}. */
    static TmshOptions parse(List<String> args) {
        String host = DEFAULT_HOST;
        int port = BootOptions.DEFAULT_MGMT_PORT;
        String user = DEFAULT_USER;
        boolean insecure = false;
        Optional<String> commands = Optional.empty();
        Optional<Path> script = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--host" -> host = nonEmpty(value(args, ++i, arg), arg);
                case "--port" -> port = port(value(args, ++i, arg));
                case "--user" -> user = nonEmpty(value(args, ++i, arg), arg);
                case "--insecure", "-k" -> insecure = true;
                case "-c" -> commands = Optional.of(value(args, ++i, arg));
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                    if (script.isPresent()) {
                        throw new IllegalArgumentException("one script file only, not '" + script.get() + "' and '" + arg + "'");
                    }
                    script = Optional.of(Path.of(arg));
                }
            }
        }
        if (commands.isPresent() && script.isPresent()) {
            throw new IllegalArgumentException("-c and a script file ('" + script.get() + "') exclude each other");
        }
        return new TmshOptions(host, port, user, insecure, commands, script);
    }

    private static String value(List<String> args, int at, String option) {
        if (at >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(at);
    }

    private static String nonEmpty(String text, String option) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(option + " needs a value, not an empty one");
        }
        return text;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("--port must be a port number from 1 to 65535, not '" + text + "'");
    }
}
