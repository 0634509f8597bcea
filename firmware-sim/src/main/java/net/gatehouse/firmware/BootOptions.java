package net.gatehouse.firmware;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * What {@code gatehouse boot} was asked to do.
 *
 * @param dataDir   where the configuration store and platform identity live
 * @param mgmtPort  the management (REST) port; 0 means any free port
 * @param sshPort   the port of tmsh over SSH; 0 means any free port
 * @param console   whether to run the console on the terminal
 * @param demo      whether to seed the demo configuration at first boot
 * @param threads   the data plane's event loops (BIG-IP's TMM instances); empty means one per core
 */
record BootOptions(Path dataDir, int mgmtPort, int sshPort, boolean console, boolean demo, OptionalInt threads) {

    static final String USAGE = "usage: gatehouse boot [--data-dir DIR] [--mgmt-port N] [--ssh-port N] [--threads N]"
            + " [--no-console] [--demo]";
    /** More event loops than this is a typing error, not a machine. */
    static final int MAX_THREADS = 1024;
    static final Path DEFAULT_DATA_DIR = Path.of("var");
    static final int DEFAULT_MGMT_PORT = 8443;
    /** Not 22, which the host's own sshd usually holds. */
    static final int DEFAULT_SSH_PORT = 2222;

    /** Parses the command line; no arguments at all mean {@code boot --demo}. */
    static BootOptions parse(List<String> args) {
        if (args.isEmpty()) {
            return new BootOptions(DEFAULT_DATA_DIR, DEFAULT_MGMT_PORT, DEFAULT_SSH_PORT, true, true, OptionalInt.empty());
        }
        if (!args.get(0).equals("boot")) {
            throw new IllegalArgumentException("unknown command '" + args.get(0) + "'");
        }
        Path dataDir = DEFAULT_DATA_DIR;
        int mgmtPort = DEFAULT_MGMT_PORT;
        int sshPort = DEFAULT_SSH_PORT;
        boolean console = true;
        boolean demo = false;
        OptionalInt threads = OptionalInt.empty();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--mgmt-port" -> mgmtPort = port(value(args, ++i, arg), arg);
                case "--ssh-port" -> sshPort = port(value(args, ++i, arg), arg);
                case "--threads" -> threads = OptionalInt.of(threads(value(args, ++i, arg)));
                case "--no-console" -> console = false;
                case "--demo" -> demo = true;
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new BootOptions(dataDir, mgmtPort, sshPort, console, demo, threads);
    }

    private static String value(List<String> args, int at, String option) {
        if (at >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(at);
    }

    private static int port(String text, String option) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException(option + " must be a port number from 0 (any free port) to 65535, not '" + text + "'");
    }

    private static int threads(String text) {
        try {
            int threads = Integer.parseInt(text);
            if (threads >= 1 && threads <= MAX_THREADS) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("--threads must be a number of event loops from 1 to " + MAX_THREADS
                + ", not '" + text + "'");
    }
}
