package net.gatehouse.appliance;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import net.gatehouse.appliance.command.Authorizer;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.BodyCodec;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.health.InbandReports;
import net.gatehouse.appliance.health.MonitorEngine;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Schema;
import net.gatehouse.appliance.store.ConfigStore;
import net.gatehouse.appliance.store.H2ConfigStore;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One appliance instance's core: its configuration store, the running configuration built from it
 * (built-in objects first, then what the store holds), and the command service that changes it.
 */
public final class Appliance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Appliance.class);
    /** Event loops for health probes. */
    private static final int MONITOR_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    private final ConfigStore store;
    private final CommandService commands;
    private final Optional<MonitorEngine> monitors;

    private Appliance(ConfigStore store, CommandService commands, Optional<MonitorEngine> monitors) {
        this.store = store;
        this.commands = commands;
        this.monitors = monitors;
    }

    /** Opens the appliance whose data lives in {@code dataDirectory}, creating it on first boot. */
    public static Appliance open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, clock, Schema.standard());
    }

    public static Appliance open(Path dataDirectory, Clock clock, Schema schema) {
        return open(dataDirectory, clock, schema, true);
    }

    /**
     * Opens the appliance; {@code monitoring} false runs no health monitors (every member and node is
     * unchecked), for tests of configuration alone.
     */
    public static Appliance open(Path dataDirectory, Clock clock, Schema schema, boolean monitoring) {
        ConfigStore store = H2ConfigStore.open(dataDirectory);
        try {
            Snapshot running = load(schema, store);
            LOG.info("Loaded the running configuration at generation {}", running.generation());
            CommandService commands = new CommandService(running, store, Authorizer.administratorsOnly(), clock);
            Optional<MonitorEngine> monitors = monitoring
                    ? Optional.of(MonitorEngine.start(running, MONITOR_THREADS, clock).following(commands))
                    : Optional.empty();
            return new Appliance(store, commands, monitors);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The built-in objects of every component, then every stored object over them. */
    static Snapshot load(Schema schema, ConfigStore store) {
        Snapshot.Builder builder = Snapshot.empty(schema).toBuilder();
        for (ComponentType type : schema.types()) {
            for (ComponentType.Builtin builtin : type.builtins()) {
                builder.put(new ConfigObject(type, type.builtinPath(builtin), builtin.body(), 0));
            }
        }
        for (ConfigStore.StoredObject row : store.objects()) {
            ComponentType type = schema.type(row.kind()).orElseThrow(() -> new IllegalStateException(
                    "the configuration store holds an unknown component '" + row.kind() + "'"));
            builder.put(new ConfigObject(type, row.fullPath(), BodyCodec.read(row.body()), row.generation()));
        }
        return builder.view(store.generation());
    }

    public CommandService commands() {
        return commands;
    }

    public Snapshot snapshot() {
        return commands.snapshot();
    }

    /** A tmsh session for a principal, starting in {@code /Common}. */
    public TmshSession tmsh(Principal principal) {
        return new TmshSession(commands, principal, health());
    }

    public ConfigStore store() {
        return store;
    }

    /** What the health monitors say, for the data plane and the renderers; all unchecked without monitoring. */
    public HealthView health() {
        return monitors.<HealthView>map(m -> m).orElse(HealthView.unchecked());
    }

    /** Where the data plane reports real connections' failures and response times (the inband monitor). */
    public InbandReports inbandReports() {
        return monitors.<InbandReports>map(m -> m).orElse(InbandReports.ignored());
    }

    /** The monitor engine, when monitoring runs: transitions, counts, probe lag. */
    public Optional<MonitorEngine> monitors() {
        return monitors;
    }

    @Override
    public void close() {
        monitors.ifPresent(MonitorEngine::close);
        store.close();
    }
}
