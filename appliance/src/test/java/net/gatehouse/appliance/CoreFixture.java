package net.gatehouse.appliance;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.schema.Schema;
import net.gatehouse.appliance.tmsh.TmshError;
import net.gatehouse.appliance.tmsh.TmshSession;

/**
 * The in-process core for tests: a real appliance on a real H2 file in a temporary directory, with
 * a fixed clock so timestamps in golden files do not move.
 */
public final class CoreFixture implements AutoCloseable {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
    public static final Principal ADMIN = new Principal("admin", Principal.Origin.TMSH);

    private final Path directory;
    private final boolean monitoring;
    private final int threads;
    private Appliance appliance;
    private TmshSession tmsh;

    private CoreFixture(Path directory, boolean monitoring, int threads) {
        this.directory = directory;
        this.monitoring = monitoring;
        this.threads = threads;
        start();
    }

    /** The configuration alone: no health monitors run, so every member and node reads unchecked. */
    public static CoreFixture open(Path directory) {
        return new CoreFixture(directory, false, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The configuration alone, with a data plane of one event loop: every client connection runs on
     * the same loop (and so shares one oneconnect idle pool).
     */
    public static CoreFixture singleLoop(Path directory) {
        return new CoreFixture(directory, false, 1);
    }

    /** With the health monitors running, probing real backends. */
    public static CoreFixture monitored(Path directory) {
        return new CoreFixture(directory, true, Runtime.getRuntime().availableProcessors());
    }

    private void start() {
        appliance = Appliance.builder(directory).clock(CLOCK).monitoring(monitoring).threads(threads).open();
        tmsh = appliance.tmsh(ADMIN);
    }

    /** Closes and reopens the appliance on the same store, as a reboot does. */
    public void restart() {
        appliance.close();
        start();
    }

    public Appliance appliance() {
        return appliance;
    }

    /** Runs a tmsh line as admin and returns its output; a failure fails the test with tmsh's message. */
    public String tmsh(String line) {
        try {
            return tmsh.execute(line);
        } catch (TmshError e) {
            throw new AssertionError("tmsh refused '" + line + "': " + e.getMessage(), e);
        }
    }

    /** Runs a tmsh line that must fail, and returns tmsh's error message. */
    public String tmshError(String line) {
        try {
            String output = tmsh.execute(line);
            throw new AssertionError("tmsh accepted '" + line + "' and printed: " + output);
        } catch (TmshError e) {
            return e.getMessage();
        }
    }

    public long generation() {
        return appliance.snapshot().generation();
    }

    @Override
    public void close() {
        appliance.close();
    }
}
