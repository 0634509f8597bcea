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
import net.gatehouse.appliance.crypto.CryptoService;
import net.gatehouse.appliance.crypto.KeySlotException;
import net.gatehouse.appliance.crypto.KeySlots;
import net.gatehouse.appliance.crypto.SoftwareKeySlots;
import net.gatehouse.appliance.files.ConfigFiles;
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
    /** Slots of the software key store; a platform's crypto card has its own count. */
    public static final int SOFTWARE_KEY_SLOTS = 1024;

    private final ConfigStore store;
    private final CommandService commands;
    private final ConfigFiles files;
    private final CryptoService crypto;

    private Appliance(ConfigStore store, CommandService commands, Path configDirectory, CryptoService crypto) {
        this.store = store;
        this.commands = commands;
        this.files = new ConfigFiles(configDirectory, commands);
        this.crypto = crypto;
    }

    /** Opens the appliance whose data lives in {@code dataDirectory}, creating it on first boot. */
    public static Appliance open(Path dataDirectory, Clock clock) {
        return open(dataDirectory, clock, Schema.standard());
    }

    public static Appliance open(Path dataDirectory, Clock clock, Schema schema) {
        return open(dataDirectory, clock, schema, () -> SoftwareKeySlots.open(dataDirectory, SOFTWARE_KEY_SLOTS));
    }

    /** Opens the appliance with the key slots of its platform (firmware-sim's crypto card). */
    public static Appliance open(Path dataDirectory, Clock clock, Schema schema, KeySlotsOpener keySlots) {
        ConfigStore store = H2ConfigStore.open(dataDirectory);
        try {
            Snapshot running = load(schema, store);
            LOG.info("Loaded the running configuration at generation {}", running.generation());
            CommandService commands = new CommandService(running, store, Authorizer.administratorsOnly(), clock);
            Path configDirectory = dataDirectory.resolve("config");
            CryptoService crypto = CryptoService.start(keySlots.open(), commands, configDirectory, clock);
            return new Appliance(store, commands, configDirectory, crypto);
        } catch (KeySlotException e) {
            store.close();
            throw new IllegalStateException("the key slots cannot be opened: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Opens an appliance's key slots. */
    @FunctionalInterface
    public interface KeySlotsOpener {
        KeySlots open() throws KeySlotException;
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

    /** A tmsh session for a principal, starting in {@code /Common}. */
    public TmshSession tmsh(Principal principal) {
        return new TmshSession(commands, principal, Optional.of(files), Optional.of(crypto));
    }

    /** The saved configuration files in {@code <data-dir>/config/}. */
    public ConfigFiles files() {
        return files;
    }

    /** Key slots, certificates and the device certificate ({@code sys crypto}). */
    public CryptoService crypto() {
        return crypto;
    }

    public ConfigStore store() {
        return store;
    }

    @Override
    public void close() {
        crypto.close();
        store.close();
    }
}
