package net.gatehouse.appliance;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import net.gatehouse.appliance.auth.UserAccounts;
import net.gatehouse.appliance.audit.AuditLog;
import net.gatehouse.appliance.auth.RoleAuthorizer;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Commit;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.BodyCodec;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.crypto.CryptoImports;
import net.gatehouse.appliance.crypto.CryptoService;
import net.gatehouse.appliance.crypto.KeySlotException;
import net.gatehouse.appliance.crypto.KeySlots;
import net.gatehouse.appliance.crypto.SoftwareKeySlots;
import net.gatehouse.appliance.datagroup.DataGroupImports;
import net.gatehouse.appliance.dataplane.DataPlane;
import net.gatehouse.appliance.files.ConfigFiles;
import net.gatehouse.appliance.files.ImportSources;
import net.gatehouse.appliance.health.InbandReports;
import net.gatehouse.appliance.health.MonitorEngine;
import net.gatehouse.appliance.lb.Ticker;
import net.gatehouse.appliance.runtime.HealthView;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Schema;
import net.gatehouse.appliance.store.ConfigStore;
import net.gatehouse.appliance.store.H2ConfigStore;
import net.gatehouse.appliance.tmsh.AuthCommands;
import net.gatehouse.appliance.tmsh.TmshSession;
import net.gatehouse.appliance.ucs.UcsArchives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One appliance instance's core: its configuration store, the running configuration built from it
 * (built-in objects first, then what the store holds), the command service that changes it, and
 * the subsystems that act on it (key slots, data plane). Opened with {@link #open} or
 * {@link #builder}; closed in the reverse order.
 */
public final class Appliance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Appliance.class);

    /** Event loops for health probes. */
    private static final int MONITOR_THREADS = Math.min(2, Runtime.getRuntime().availableProcessors());

    /** Key slots of the software implementation (a platform's crypto card has its own count). */
    public static final int SOFTWARE_KEY_SLOTS = 1024;

    private final ConfigStore store;
    private final CommandService commands;
    private final ConfigFiles files;
    private final CryptoService crypto;
    private final DataPlane dataPlane;
    private final Optional<MonitorEngine> monitors;
    private final HealthView health;
    private final UserAccounts users;
    private final AuditLog audit;
    private final UcsArchives ucs;
    private final DataGroupImports dataGroupFiles;
    private final CryptoImports cryptoImports;

    private Appliance(ConfigStore store, CommandService commands, ConfigFiles files, CryptoService crypto,
            Optional<MonitorEngine> monitors, HealthView health, DataPlane dataPlane, Clock clock, Path dataDirectory) {
        this.store = store;
        this.commands = commands;
        this.files = files;
        this.crypto = crypto;
        this.dataPlane = dataPlane;
        this.monitors = monitors;
        this.health = health;
        this.users = new UserAccounts(commands::snapshot, clock);
        this.audit = new AuditLog(store, commands::snapshot, clock.getZone(), ProcessHandle.current().pid());
        this.ucs = new UcsArchives(dataDirectory.resolve("ucs"), files, commands, crypto.slots(), clock);
        ImportSources importSources = new ImportSources(dataDirectory);
        this.dataGroupFiles = new DataGroupImports(commands, importSources);
        this.cryptoImports = new CryptoImports(commands, crypto, importSources);
    }

    /** Opens the appliance whose data lives in {@code dataDirectory}, creating it on first boot. */
    public static Appliance open(Path dataDirectory, Clock clock) {
        return builder(dataDirectory).clock(clock).open();
    }

    public static Appliance open(Path dataDirectory, Clock clock, Schema schema) {
        return builder(dataDirectory).clock(clock).schema(schema).open();
    }

    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /** Opens an appliance's key slots. */
    @FunctionalInterface
    public interface KeySlotsOpener {
        KeySlots open() throws KeySlotException;
    }

    /** What an appliance is opened with; each part has the software appliance's default. */
    public static final class Builder {
        private final Path dataDirectory;
        private Clock clock = Clock.systemUTC();
        private Schema schema = Schema.standard();
        private Optional<HealthView> health = Optional.empty();
        private boolean monitoring = true;
        private Ticker ticker = Ticker.system();
        private KeySlotsOpener keySlots;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            this.keySlots = () -> SoftwareKeySlots.open(dataDirectory, SOFTWARE_KEY_SLOTS);
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder schema(Schema value) {
            this.schema = value;
            return this;
        }

        /** A health view the data plane picks members by, in place of the monitor engine's. */
        public Builder health(HealthView value) {
            this.health = Optional.of(value);
            return this;
        }

        /** Whether health monitors run; without them every member and node is unchecked. */
        public Builder monitoring(boolean value) {
            this.monitoring = value;
            return this;
        }

        /** The load-balancing clock (slow ramp, observed windows). */
        public Builder ticker(Ticker value) {
            this.ticker = value;
            return this;
        }

        /** The key slots of the platform (firmware-sim's crypto card). */
        public Builder keySlots(KeySlotsOpener value) {
            this.keySlots = value;
            return this;
        }

        /** The data plane's event loops (BIG-IP's TMM instances); one per core by default. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("the data plane needs at least one event loop, not " + value);
            }
            this.threads = value;
            return this;
        }

        public Appliance open() {
            ConfigStore store = H2ConfigStore.open(dataDirectory);
            KeySlots slots = null;
            CryptoService crypto = null;
            Optional<MonitorEngine> monitors = Optional.empty();
            try {
                Snapshot running = load(schema, store);
                LOG.info("Loaded the running configuration at generation {}", running.generation());
                slots = keySlots.open();
                CommandService commands = new CommandService(running, store, new RoleAuthorizer(), clock,
                        new Secrets(slots::secretVault));
                Path configDirectory = dataDirectory.resolve("config");
                crypto = CryptoService.start(slots, commands, configDirectory, clock);
                sealStoredSecrets(commands);
                if (monitoring) {
                    monitors = Optional.of(MonitorEngine.start(commands.snapshot(), MONITOR_THREADS, clock,
                            commands.secrets()).following(commands));
                }
                HealthView view = health.isPresent() ? health.get()
                        : monitors.isPresent() ? monitors.get() : HealthView.unchecked();
                DataPlane dataPlane = DataPlane.start(commands, view, ticker, clock, threads, crypto,
                        monitors.isPresent() ? monitors.get() : InbandReports.ignored());
                return new Appliance(store, commands, new ConfigFiles(configDirectory, commands), crypto, monitors,
                        view, dataPlane, clock, dataDirectory);
            } catch (KeySlotException e) {
                if (slots != null) {
                    slots.close();
                }
                store.close();
                throw new IllegalStateException("the key slots cannot be opened: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                monitors.ifPresent(MonitorEngine::close);
                if (crypto != null) {
                    crypto.close();
                } else if (slots != null) {
                    slots.close();
                }
                store.close();
                throw e;
            }
        }
    }

    /**
     * Encrypts what a store written before secrets were encrypted holds in clear. A stored secret that
     * no longer decrypts (the master key file was replaced) does not stop the boot: it is logged, and
     * the feature that uses it goes without until it is set again.
     */
    private static void sealStoredSecrets(CommandService commands) {
        try {
            Commit commit = commands.sealStoredSecrets(Principal.system());
            if (!commit.changes().isEmpty()) {
                LOG.info("Encrypted {} stored objects' secrets under the device master key", commit.changes().size());
            }
        } catch (ConfigError e) {
            LOG.error("The stored secrets were left as they are: {}", e.getMessage());
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
        return new TmshSession(this, principal);
    }

    /** The saved configuration files in {@code <data-dir>/config/}. */
    public ConfigFiles files() {
        return files;
    }

    /** The UCS archives in {@code <data-dir>/ucs} ({@code save/load sys ucs}). */
    public UcsArchives ucs() {
        return ucs;
    }

    /** Imports of data group files ({@code sys file data-group ... source-path}), for tmsh and REST alike. */
    public DataGroupImports dataGroupFiles() {
        return dataGroupFiles;
    }

    /** Imports of keys and certificates from files ({@code install sys crypto}, {@code sys file ssl-key|ssl-cert}). */
    public CryptoImports cryptoImports() {
        return cryptoImports;
    }

    /** Key slots, certificates and the device certificate ({@code sys crypto}). */
    public CryptoService crypto() {
        return crypto;
    }

    /** What the health monitors say, for the data plane and the renderers. */
    public HealthView health() {
        return health;
    }

    /** Where the data plane reports real connections' failures and response times (the inband monitor). */
    public InbandReports inbandReports() {
        return monitors.<InbandReports>map(m -> m).orElse(InbandReports.ignored());
    }

    /** The monitor engine, when monitoring runs: transitions, counts, probe lag. */
    public Optional<MonitorEngine> monitors() {
        return monitors;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    public ConfigStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            dataPlane.close();
            monitors.ifPresent(MonitorEngine::close);
        } finally {
            try {
                crypto.close();
            } finally {
                store.close();
            }
        }
    }
}
