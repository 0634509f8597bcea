package net.gatehouse.firmware;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import net.gatehouse.appliance.Appliance;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.store.StoreFailure;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.console.SshShellServer;
import net.gatehouse.console.TmshShell;
import net.gatehouse.mgmt.MgmtServer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The box: powers on the simulated platform, runs its self-test, opens the appliance, and hands the
 * terminal to the console (or waits for SIGTERM with {@code --no-console}).
 *
 * <pre>gatehouse boot [--data-dir DIR] [--mgmt-port N] [--ssh-port N] [--threads N] [--no-console] [--demo]</pre>
 *
 * No arguments mean {@code boot --demo} with the data in {@code ./var}. {@code gatehouse tmsh ...} is
 * the other way in: tmsh on a running appliance over its REST API ({@link TmshCommand}).
 */
public final class Gatehouse {

    private static final Logger LOG = LoggerFactory.getLogger(Gatehouse.class);

    /** The self-test failed (platform or configuration store). */
    static final int EXIT_SELF_TEST_FAILED = 1;
    /** The command line was not understood. */
    static final int EXIT_USAGE = 2;
    /**
     * Netty's leak detector samples one buffer in 128 and records a stack trace for each, on the data
     * plane's hot path (a JFR profile of the benchmarks showed it as the largest allocator). The box
     * runs without it unless {@code -Dio.netty.leakDetection.level=...} asks for it; the tests keep it.
     */
    static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    /**
     * The JDK's TLS server hands out stateless session tickets unless told not to, whatever a client-ssl
     * profile says (F5's {@code session-ticket} is disabled by default, and {@code cache-size 0} means no
     * resumption at all). The box turns them off for the JDK's engine unless the property is given;
     * OpenSSL follows each profile's {@code session-ticket}.
     */
    static final String JDK_SERVER_TICKETS = "jdk.tls.server.enableSessionTicketExtension";

    private final BootOptions options;
    private final PrintStream out;
    private final PrintStream err;

    private Gatehouse(BootOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Jersey and Grizzly log through java.util.logging: one format and one set of levels (logback.xml).
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (System.getProperty(LEAK_DETECTION) == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
        if (System.getProperty(JDK_SERVER_TICKETS) == null) {
            System.setProperty(JDK_SERVER_TICKETS, "false");
        }
        if (args.length > 0 && args[0].equals("tmsh")) {
            System.exit(new TmshCommand(System.getenv(), Optional.ofNullable(System.console()), System.in, System.out,
                    System.err).run(List.of(args).subList(1, args.length)));
            return;
        }
        BootOptions options;
        try {
            options = BootOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("gatehouse: " + e.getMessage());
            System.err.println(BootOptions.USAGE);
            System.err.println(TmshOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        System.exit(new Gatehouse(options, System.out, System.err).boot());
    }

    /**
     * Boots and runs until the console ends (returning 0) or, without a console, until the JVM is
     * stopped; returns {@link #EXIT_SELF_TEST_FAILED} when the box cannot come up.
     */
    int boot() {
        Platform platform;
        Appliance appliance;
        try {
            platform = Platform.identify(options.dataDir());
            platform.selfTest().forEach(out::println);
            Appliance.Builder builder = Appliance.builder(options.dataDir()).clock(Clock.systemUTC());
            options.threads().ifPresent(builder::threads);
            appliance = builder.open();
        } catch (StoreFailure | UncheckedIOException e) {
            err.println("SELF-TEST FAILED: " + e.getMessage());
            err.flush();
            return EXIT_SELF_TEST_FAILED;
        }
        out.println("POST: configuration store " + options.dataDir().toAbsolutePath() + " ok");
        out.println("POST: data plane " + appliance.dataPlane().transport() + ", "
                + appliance.dataPlane().threads() + " event loops, " + FileDescriptors.describe() + " ok");
        MgmtServer mgmt;
        try {
            mgmt = MgmtServer.start(appliance, options.dataDir(), new InetSocketAddress(options.mgmtPort()),
                    Clock.systemUTC());
        } catch (UncheckedIOException e) {
            appliance.close();
            err.println("SELF-TEST FAILED: " + e.getMessage());
            err.flush();
            return EXIT_SELF_TEST_FAILED;
        }
        SshShellServer ssh;
        try {
            ssh = SshShellServer.start(new InetSocketAddress(options.sshPort()), options.dataDir().resolve("ssh_host_key"),
                    appliance.users()::authenticate, user -> appliance.tmsh(new Principal(user, Principal.Origin.TMSH)),
                    appliance::snapshot);
        } catch (IOException e) {
            mgmt.close();
            appliance.close();
            err.println("SELF-TEST FAILED: tmsh over SSH cannot listen on port " + options.sshPort() + ": " + e.getMessage());
            err.flush();
            return EXIT_SELF_TEST_FAILED;
        }
        Optional<DemoBackends> backends = options.demo() ? Optional.of(DemoBackends.start()) : Optional.empty();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(ssh, mgmt, appliance, backends),
                "gatehouse-shutdown"));

        if (options.demo()) {
            seedDemo(appliance);
            out.println("Demo: virtual server demo_vs on 127.0.0.10:8080 balances demo backends on 127.0.0.1:"
                    + DemoBackends.PORTS.get(0) + " and :" + DemoBackends.PORTS.get(1) + " (" + backends.orElseThrow().listening()
                    + " listening); try: curl http://127.0.0.10:8080/");
        }
        if (mgmt.defaultPasswordInUse()) {
            out.println("The default admin password is 'admin'; change it before you expose this appliance.");
        }
        out.println("tmsh over SSH: ssh -p " + ssh.port() + " admin@<this host>");
        out.println("management REST API: https://0.0.0.0:" + mgmt.port() + "/mgmt (port " + mgmt.port() + ")");
        out.println("Gatehouse is up: generation " + appliance.snapshot().generation() + ", "
                + appliance.store().objects().size() + " objects");
        out.flush();
        LOG.info("Up on {}, serial number {}", platform.model(), platform.serialNumber());

        if (options.console()) {
            return runConsole(appliance, options.dataDir());
        }
        awaitTermination();
        return 0;
    }

    private void seedDemo(Appliance appliance) {
        try {
            if (DemoConfiguration.seedIfEmpty(appliance)) {
                LOG.info("Seeded the demo configuration (pool demo_pool, virtual server demo_vs)");
            }
        } catch (TmshError e) {
            LOG.warn("The demo configuration was not seeded: {}", e.getMessage());
        }
    }

    private int runConsole(Appliance appliance, Path dataDir) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            new TmshShell("admin", appliance.tmsh(new Principal("admin", Principal.Origin.TMSH)),
                    appliance::snapshot, terminal, Optional.of(dataDir.resolve(".tmsh_history"))).run();
            return 0;
        } catch (IOException e) {
            LOG.error("The console cannot use the terminal", e);
            return 1;
        }
    }

    /** Blocks until the JVM shuts down (SIGTERM, SIGINT); the shutdown hook does the rest. */
    private static void awaitTermination() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void stop(SshShellServer ssh, MgmtServer mgmt, Appliance appliance,
            Optional<DemoBackends> backends) {
        try {
            ssh.close();
            mgmt.close();
            appliance.close();
            backends.ifPresent(DemoBackends::close);
            LOG.info("Gatehouse stopped");
        } catch (IOException | RuntimeException e) {
            LOG.error("Gatehouse did not stop cleanly", e);
        }
    }
}
