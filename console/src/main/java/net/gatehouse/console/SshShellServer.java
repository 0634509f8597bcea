package net.gatehouse.console;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.jline.builtins.ssh.ShellCommand;
import org.jline.builtins.ssh.ShellFactoryImpl;
import org.jline.builtins.ssh.Ssh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tmsh over SSH, as on a BIG-IP: an interactive shell ({@code ssh admin@box}) and one-shot
 * commands ({@code ssh admin@box "list ltm pool"}). Users are checked by the given password check;
 * each connection gets its own tmsh session as that user.
 */
public final class SshShellServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshShellServer.class);

    /** Whether a user name and password may log in. */
    @FunctionalInterface
    public interface PasswordCheck {
        boolean accepts(String user, String password);
    }

    private final SshServer server;

    private SshShellServer(SshServer server) {
        this.server = server;
    }

    /**
     * @param bind     where to listen (port 0 picks a free port; {@link #port()} tells which)
     * @param hostKey  where the host key is kept (created at first start)
     * @param sessions a tmsh session for a user who logged in
     */
    public static SshShellServer start(InetSocketAddress bind, Path hostKey, PasswordCheck passwords,
            Function<String, TmshSession> sessions, Supplier<Snapshot> snapshot) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(bind.getHostString());
        server.setPort(bind.getPort());
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> passwords.accepts(user, password));
        server.setShellFactory(new ShellFactoryImpl(params -> shell(params, sessions, snapshot)));
        server.setCommandFactory((channel, command) -> new ShellCommand(params -> oneShot(params, sessions), command));
        server.start();
        LOG.info("tmsh over SSH listening on {}:{}", bind.getHostString(), server.getPort());
        return new SshShellServer(server);
    }

    private static void shell(Ssh.ShellParams params, Function<String, TmshSession> sessions,
            Supplier<Snapshot> snapshot) {
        String user = params.getSession().getUsername();
        try {
            new TmshShell(user, sessions.apply(user), snapshot, params.getTerminal(), Optional.empty()).run();
        } finally {
            params.getCloser().run();
        }
    }

    private static void oneShot(Ssh.ExecuteParams params, Function<String, TmshSession> sessions) {
        String user = params.getSession().getUsername();
        PrintStream out = new PrintStream(params.getOut(), true, StandardCharsets.UTF_8);
        try {
            sessions.apply(user).execute(params.getCommand(), out::print);
        } catch (TmshError e) {
            new PrintStream(params.getErr(), true, StandardCharsets.UTF_8).println(e.getMessage());
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
