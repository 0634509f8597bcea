package net.gatehouse.appliance.ucs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.gatehouse.appliance.auth.Role;
import net.gatehouse.appliance.auth.RoleAuthorizer;
import net.gatehouse.appliance.auth.UserRoles;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.crypto.KeySlotException;
import net.gatehouse.appliance.crypto.KeySlots;
import net.gatehouse.appliance.crypto.SlotArchive;
import net.gatehouse.appliance.files.ConfigFiles;
import net.gatehouse.appliance.syntax.ConfFile;
import net.gatehouse.appliance.syntax.IcontrolJson;
import net.gatehouse.appliance.syntax.SyntaxError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UCS archives ({@code save/load/list/delete sys ucs}): one file that restores this appliance or
 * clones it onto another. An archive holds the configuration as {@code save sys config} writes it
 * (every partition), the files under {@code /config} the configuration refers to (certificates, key
 * slot handles, CSRs, the device certificate), the key slots as stored (each private key sealed under
 * the device master key) and the master key — wrapped by a key derived from the passphrase when one
 * is given, in clear otherwise (as BIG-IP does; a warning is logged).
 * <p>
 * Loading is all or nothing: the archive, its passphrase and every slot are checked and the
 * configuration parsed first; then the master key and slots are installed, the files restored and
 * the configuration replaced through the command service. If any step fails, everything is put back.
 */
public final class UcsArchives {

    private static final Logger LOG = LoggerFactory.getLogger(UcsArchives.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where BIG-IP keeps archives; such paths name this appliance's UCS directory. */
    public static final String BIGIP_DIRECTORY = "/var/local/ucs/";
    static final String MANIFEST = "ucs.json";
    static final String CONFIG = "config/";
    static final String MASTER_KEY = "config/bigip/kstore/master";
    static final String KEY_SLOTS = "config/bigip/kstore/keyslots.json";
    static final int FORMAT = 1;
    static final String BUILD = "0.0.1";

    private final Path directory;
    private final ConfigFiles files;
    private final CommandService commands;
    private final KeySlots slots;
    private final Clock clock;

    /** @param directory {@code <data-dir>/ucs}, BIG-IP's {@code /var/local/ucs} */
    public UcsArchives(Path directory, ConfigFiles files, CommandService commands, KeySlots slots, Clock clock) {
        this.directory = directory;
        this.files = files;
        this.commands = commands;
        this.slots = slots;
        this.clock = clock;
    }

    /**
     * The file an archive name means: a bare name (with {@code .ucs} appended if missing) or a path
     * under {@code /var/local/ucs/} is in this appliance's UCS directory; another absolute path is
     * taken as it is.
     */
    public Path resolve(String name) throws UcsError {
        String file = name.endsWith(".ucs") ? name : name + ".ucs";
        if (file.startsWith(BIGIP_DIRECTORY)) {
            file = file.substring(BIGIP_DIRECTORY.length());
        } else if (file.startsWith("/")) {
            return Path.of(file);
        }
        if (file.contains("/") || !UcsFile.safe(file) || file.equals(".ucs")) {
            throw new UcsError("The UCS file name (" + name + ") is not valid: give a file name or an absolute path.");
        }
        return directory.resolve(file);
    }

    /** How a path is shown: in the UCS directory as {@code /var/local/ucs/NAME}, else as it is. */
    public String display(Path file) {
        return file.toAbsolutePath().getParent().equals(directory.toAbsolutePath())
                ? BIGIP_DIRECTORY + file.getFileName() : file.toString();
    }

    // ---------------------------------------------------------------- save

    /** {@code save sys ucs NAME [passphrase P]}: writes the archive; returns its path as shown. */
    public synchronized String save(Principal principal, String name, Optional<char[]> passphrase) throws UcsError {
        requireAdmin(principal, "save");
        Path target = resolve(name);
        Snapshot snapshot = commands.snapshot();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            SlotArchive keys = slots.archive(passphrase);
            entries.put(MANIFEST, manifest(snapshot, passphrase.isPresent()));
            Map<String, String> configuration = ConfigFiles.render(snapshot);
            configuration.forEach((file, text) -> entries.put(CONFIG + file, text.getBytes(StandardCharsets.UTF_8)));
            for (Map.Entry<String, byte[]> material : material(configuration.keySet()).entrySet()) {
                entries.put(CONFIG + material.getKey(), material.getValue());
            }
            entries.put(MASTER_KEY, keys.masterKey());
            entries.put(KEY_SLOTS, keys.slots());
            UcsFile.write(target, entries, clock.instant());
        } catch (KeySlotException e) {
            throw new UcsError("The UCS file (" + display(target) + ") was not saved: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UcsError("The UCS file (" + display(target) + ") cannot be written: " + e.getMessage(), e);
        }
        if (passphrase.isEmpty()) {
            LOG.warn("The UCS file {} was saved without a passphrase: it holds the device master key in clear,"
                    + " which decrypts every key in it. Keep it as safe as the appliance, or save it with a passphrase.",
                    display(target));
        }
        LOG.info("{} saved the UCS file {} (configuration generation {}, {} files)", principal.user(), display(target),
                snapshot.generation(), entries.size());
        return display(target);
    }

    private byte[] manifest(Snapshot snapshot, boolean encrypted) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("product", "Gatehouse");
        node.put("version", IcontrolJson.VERSION);
        node.put("build", BUILD);
        node.put("hostname", hostname(snapshot));
        node.put("created", clock.instant().toString());
        node.put("generation", snapshot.generation());
        node.put("encrypted", encrypted);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    }

    private static String hostname(Snapshot snapshot) {
        return snapshot.schema().type("sys global-settings")
                .flatMap(type -> snapshot.get(type, type.singletonName()))
                .flatMap(settings -> settings.body().text("hostname")).orElse("bigip1");
    }

    /** Every file under /config but the saved configuration files (archived from the running configuration). */
    private Map<String, byte[]> material(java.util.Set<String> configuration) throws IOException {
        Map<String, byte[]> found = new LinkedHashMap<>();
        Path root = files.directory();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith(".tmp") || configuration.contains(relative) || ConfigFiles.isSavedFile(relative)
                        || !UcsFile.safe(relative)) {
                    continue;
                }
                found.put(relative, Files.readAllBytes(file));
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- load

    /** What a load did: the archive loaded and the configuration load's warnings. */
    public record LoadResult(String archive, List<String> warnings) {
        public LoadResult {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * {@code load sys ucs NAME [passphrase P]}: replaces the master key, the key slots, the files under
     * /config and the configuration with the archive's, all or nothing.
     */
    public synchronized LoadResult load(Principal principal, String name, Optional<char[]> passphrase)
            throws UcsError {
        requireAdmin(principal, "load");
        Path source = resolve(name);
        String shown = display(source);
        if (!Files.isRegularFile(source)) {
            throw new UcsError("The UCS file (" + shown + ") was not found.");
        }
        Map<String, byte[]> entries = UcsFile.read(source);
        readManifest(shown, entries);
        SlotArchive keys = new SlotArchive(required(shown, entries, KEY_SLOTS), required(shown, entries, MASTER_KEY));
        try {
            slots.checkArchive(keys, passphrase);
        } catch (KeySlotException e) {
            throw new UcsError("The UCS file (" + shown + ") cannot be loaded: " + e.getMessage(), e);
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        Map<String, byte[]> restored = new LinkedHashMap<>();
        entries.forEach((entry, bytes) -> {
            if (entry.startsWith(CONFIG) && !entry.startsWith("config/bigip/kstore/")) {
                String relative = entry.substring(CONFIG.length());
                restored.put(relative, bytes);
                if (ConfigFiles.isSavedFile(relative)) {
                    configuration.put(relative, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        });
        if (!configuration.containsKey(ConfigFiles.BASE) && !configuration.containsKey(ConfigFiles.LTM)) {
            throw new UcsError("The UCS file (" + shown + ") holds no configuration (config/bigip.conf).");
        }
        Snapshot base = commands.snapshot();
        for (Map.Entry<String, String> file : configuration.entrySet()) {
            try {
                ConfFile.parse(file.getValue(), file.getKey(), base);
            } catch (SyntaxError e) {
                throw new UcsError("The UCS file (" + shown + ") holds a configuration that does not load: "
                        + e.getMessage(), e);
            }
        }
        return install(principal, shown, keys, passphrase, restored, configuration);
    }

    private LoadResult install(Principal principal, String shown, SlotArchive keys, Optional<char[]> passphrase,
            Map<String, byte[]> restored, Map<String, String> configuration) throws UcsError {
        SlotArchive previous;
        try {
            previous = slots.archive(Optional.empty());
        } catch (KeySlotException e) {
            throw new UcsError("The UCS file (" + shown + ") was not loaded: " + e.getMessage(), e);
        }
        FileRestore fileRestore = new FileRestore(files.directory());
        try {
            slots.restore(keys, passphrase);
            fileRestore.write(restored);
            ConfigFiles.LoadResult result = files.replace(principal, configuration, false);
            LOG.info("{} loaded the UCS file {}: the master key, {} key slots and {} files were restored",
                    principal.user(), shown, slots.slots().size(), restored.size());
            return new LoadResult(shown, result.warnings());
        } catch (KeySlotException | IOException | SyntaxError | ConfigError | RuntimeException e) {
            rollBack(shown, previous, fileRestore);
            String reason = e instanceof ConfigError || e instanceof KeySlotException || e instanceof SyntaxError
                    ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new UcsError("The UCS file (" + shown + ") was not loaded; nothing was changed: " + reason, e);
        }
    }

    private void rollBack(String shown, SlotArchive previous, FileRestore fileRestore) {
        try {
            slots.restore(previous, Optional.empty());
        } catch (KeySlotException e) {
            LOG.error("Loading {} failed and the previous key slots could not be put back: {}", shown, e.getMessage());
        }
        try {
            fileRestore.undo();
        } catch (IOException e) {
            LOG.error("Loading {} failed and the previous files under /config could not all be put back: {}", shown,
                    e.getMessage());
        }
    }

    private static JsonNode readManifest(String shown, Map<String, byte[]> entries) throws UcsError {
        byte[] bytes = required(shown, entries, MANIFEST);
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || node.path("format").asInt() != FORMAT) {
                throw new UcsError("The UCS file (" + shown + ") is of an unknown format.");
            }
            return node;
        } catch (IOException e) {
            throw new UcsError("The UCS file (" + shown + ") is not a valid UCS archive: its manifest is unreadable.", e);
        }
    }

    private static byte[] required(String shown, Map<String, byte[]> entries, String entry) throws UcsError {
        byte[] bytes = entries.get(entry);
        if (bytes == null) {
            throw new UcsError("The UCS file (" + shown + ") is not a valid UCS archive: it has no " + entry + ".");
        }
        return bytes;
    }

    // ---------------------------------------------------------------- list, delete

    /** The archives in the UCS directory, by name. */
    public List<UcsInfo> list() {
        List<UcsInfo> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : listing.filter(f -> f.getFileName().toString().endsWith(".ucs"))
                    .filter(Files::isRegularFile).sorted().toList()) {
                found.add(info(file));
            }
        } catch (IOException e) {
            LOG.warn("The UCS directory {} cannot be listed: {}", directory, e.getMessage());
        }
        return found;
    }

    private UcsInfo info(Path file) throws IOException {
        long size = Files.size(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        try {
            Map<String, byte[]> entries = UcsFile.read(file);
            JsonNode manifest = readManifest(display(file), entries);
            Instant created = Instant.parse(manifest.path("created").asText(modified.toString()));
            return new UcsInfo(display(file), size, created, manifest.path("hostname").asText(""),
                    manifest.path("version").asText(""), manifest.path("build").asText(""),
                    manifest.path("encrypted").asBoolean());
        } catch (UcsError | DateTimeParseException e) {
            LOG.warn("{} is not a readable UCS archive: {}", file, e.getMessage());
            return new UcsInfo(display(file), size, modified, "", "", "", false);
        }
    }

    /** {@code delete sys ucs NAME}; returns the path as shown. */
    public synchronized String delete(Principal principal, String name) throws UcsError {
        requireAdmin(principal, "delete");
        Path file = resolve(name);
        try {
            if (!Files.deleteIfExists(file)) {
                throw new UcsError("The UCS file (" + display(file) + ") was not found.");
            }
        } catch (IOException e) {
            throw new UcsError("The UCS file (" + display(file) + ") cannot be deleted: " + e.getMessage(), e);
        }
        LOG.info("{} deleted the UCS file {}", principal.user(), display(file));
        return display(file);
    }

    // ---------------------------------------------------------------- transfer

    /**
     * The archive {@code name} ({@code NAME.ucs} or {@code /var/local/ucs/NAME.ucs}) in this appliance's
     * UCS directory and nowhere else, for a download; it must exist.
     */
    public Path archiveToSend(Principal principal, String name) throws UcsError {
        requireAdmin(principal, "download");
        Path file = inDirectory(name);
        if (!Files.isRegularFile(file)) {
            throw new UcsError("The UCS file (" + display(file) + ") was not found.");
        }
        return file;
    }

    /**
     * Moves an uploaded file into the UCS directory as {@code name} ({@code NAME.ucs} or
     * {@code /var/local/ucs/NAME.ucs}, replacing an archive of that name), as BIG-IP's clients do with
     * {@code unix-mv} after an upload; returns the archive's path as shown. The archive is checked when
     * it is loaded, not here.
     */
    public synchronized String receive(Principal principal, Path upload, String name) throws UcsError {
        requireAdmin(principal, "receive");
        Path target = inDirectory(name);
        try {
            Files.createDirectories(directory);
            Files.move(upload, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UcsError("The UCS file (" + display(target) + ") cannot be written: " + e.getMessage(), e);
        }
        LOG.info("{} placed the uploaded UCS file {}", principal.user(), display(target));
        return display(target);
    }

    /** A name that must mean a {@code .ucs} file directly in the UCS directory. */
    private Path inDirectory(String name) throws UcsError {
        String file = name.startsWith(BIGIP_DIRECTORY) ? name.substring(BIGIP_DIRECTORY.length()) : name;
        if (!file.endsWith(".ucs") || file.contains("/") || !UcsFile.safe(file) || file.equals(".ucs")) {
            throw new UcsError("The UCS file name (" + name + ") is not valid: give NAME.ucs, a file in "
                    + BIGIP_DIRECTORY + ".");
        }
        return directory.resolve(file);
    }

    /** Archives hold every key and the master key: only an administrator of every partition handles them. */
    private void requireAdmin(Principal principal, String verb) throws UcsError {
        if (principal.origin() == Principal.Origin.BOOT) {
            return;
        }
        if (!UserRoles.of(commands.snapshot(), principal.user()).everywhere(Role.ADMIN)) {
            throw new UcsError(RoleAuthorizer.ACCESS_DENIED + ":3: Access Denied: user (" + principal.user()
                    + ") may not " + verb + " a UCS archive; that needs the admin role on all partitions.");
        }
    }
}
