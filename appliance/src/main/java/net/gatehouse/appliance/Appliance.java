package net.gatehouse.appliance;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import net.gatehouse.appliance.auth.UserAccounts;
import net.gatehouse.appliance.audit.AuditLog;
import net.gatehouse.appliance.auth.RoleAuthorizer;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.BodyCodec;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.dataplane.DataPlane;
import net.gatehouse.appliance.files.ConfigFiles;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Schema;
import net.gatehouse.appliance.store.ConfigStore;
import net.gatehouse.appliance.store.H2ConfigStore;
import net.gatehouse.appliance.tmsh.AuthCommands;
import net.gatehouse.appliance.tmsh.TmshSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One appliance instance's core: its configuration store, the running configuration built from it
 * (built-in objects first, then what the store holds), the command service that changes it, and
 * the data plane that carries the traffic it describes.
 */
public final class Appliance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Appliance.class);

    private final ConfigStore store;
    private final CommandService commands;
    private final DataPlane dataPlane;
    private final ConfigFiles files;
    private final UserAccounts users;
    private final AuditLog audit;

    private Appliance(ConfigStore store, CommandService commands, DataPlane dataPlane, Path configDirectory,
            Clock clock) {
        this.store = store;
        this.commands = commands;
        this.dataPlane = dataPlane;
        this.files = new ConfigFiles(configDirectory, commands);
        this.users = new UserAccounts(commands::snapshot, clock);
        this.audit = new AuditLog(store, commands::snapshot, clock.getZone(), ProcessHandle.current().pid());
    }

    /** Opens the appliance whose data lives in {@code dataDirectory}, creating it on first boot. */
    public static Appliance open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, clock, Schema.standard());
    }

    public static Appliance open(Path dataDirectory, Clock clock, Schema schema) {
        return open(dataDirectory, clock, schema, HealthView.unchecked());
    }

    /** Opens the appliance with the health view its data plane picks members by. */
    public static Appliance open(Path dataDirectory, Clock clock, Schema schema, HealthView health) {
        ConfigStore store = H2ConfigStore.open(dataDirectory);
        try {
            Snapshot running = load(schema, store);
            LOG.info("Loaded the running configuration at generation {}", running.generation());
            CommandService commands = new CommandService(running, store, new RoleAuthorizer(), clock);
            DataPlane dataPlane = DataPlane.start(commands, health, Runtime.getRuntime().availableProcessors());
            return new Appliance(store, commands, dataPlane, dataDirectory.resolve("config"), clock);
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
        return builder.build(store.generation());
    }

    public CommandService commands() {
        return commands;
    }

    public Snapshot snapshot() {
        return commands.snapshot();
    }

    /** The local user accounts ({@code auth user}) every login checks, with their failed-login counts. */
    public UserAccounts users() {
        return users;
    }

    /** The audit log: every committed and refused change, in tmsh words. */
    public AuditLog audit() {
        return audit;
    }

    /** A tmsh session for a principal, starting in {@code /Common}. */
    public TmshSession tmsh(Principal principal) {
        return new TmshSession(commands, dataPlane, principal, files, new AuthCommands(users, audit));
    }

    /** The saved configuration files in {@code <data-dir>/config/}. */
    public ConfigFiles files() {
        return files;
    }

    public ConfigStore store() {
        return store;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public void close() {
        try {
            dataPlane.close();
        } finally {
            store.close();
        }
    }
}
