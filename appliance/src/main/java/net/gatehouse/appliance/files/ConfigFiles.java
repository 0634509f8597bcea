package net.gatehouse.appliance.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.BodyEdits;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.syntax.ConfFile;
import net.gatehouse.appliance.syntax.SyntaxError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved configuration files in {@code <data-dir>/config/}, as BIG-IP keeps them in
 * {@code /config}: {@code bigip.conf} (LTM objects, certificate and key files, folders),
 * {@code bigip_base.conf} (net, cm, sys settings, partitions), {@code bigip_user.conf} (users) and
 * {@code partitions/<P>/bigip.conf} / {@code bigip_base.conf} for every other partition.
 * <p>
 * {@code save} writes them from the running configuration; {@code load} replaces the running
 * configuration from them, {@code merge} replaces only the objects a file names, {@code verify}
 * checks without applying, and {@code loadDefault} returns to the factory configuration. Every load
 * is one all-or-nothing change through the command service.
 */
public final class ConfigFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFiles.class);

    public static final String LTM = "bigip.conf";
    public static final String BASE = "bigip_base.conf";
    public static final String USER = "bigip_user.conf";
    private static final String PARTITIONS = "partitions";

    private final Path directory;
    private final CommandService commands;

    /** @param directory {@code <data-dir>/config}, the appliance's {@code /config} */
    public ConfigFiles(Path directory, CommandService commands) {
        this.directory = directory;
        this.commands = commands;
    }

    public Path directory() {
        return directory;
    }

    /** What a load did or would do: the files read (as {@code /config/...}) and the warnings. */
    public record LoadResult(List<String> files, List<String> warnings) {
        public LoadResult {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }
    }

    /** The file (relative to /config) an object is saved in. */
    static String fileOf(ConfigObject object) {
        String path = object.type().path();
        if (path.equals("auth user")) {
            return USER;
        }
        boolean base = path.startsWith("net ") || path.startsWith("cm ") || path.equals("auth partition")
                || path.startsWith("sys ") && !path.startsWith("sys file ") && !path.startsWith("sys crypto ")
                && !path.equals("sys folder");
        String name = base ? BASE : LTM;
        if (object.type().partitioned()) {
            String partition = Paths.partition(object.fullPath());
            if (!partition.isEmpty() && !Paths.COMMON.equals("/" + partition)) {
                return PARTITIONS + "/" + partition + "/" + name;
            }
        }
        return name;
    }

    /** Writes the running configuration; returns the files written, as {@code /config/...}. */
    public synchronized List<String> save() {
        Snapshot snapshot = commands.snapshot();
        Map<String, String> texts = render(snapshot);
        try {
            Files.createDirectories(directory);
            removeStalePartitionFiles(texts.keySet());
            List<String> written = new ArrayList<>();
            for (Map.Entry<String, String> file : texts.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
                Files.writeString(temporary, file.getValue(), StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                written.add("/config/" + file.getKey());
            }
            LOG.info("Saved the running configuration (generation {}) to {}", snapshot.generation(), directory);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the configuration to " + directory, e);
        }
    }

    /**
     * The text of every saved file for {@code snapshot}, by its name relative to /config (what
     * {@code save} writes, and what {@code save sys ucs} archives).
     */
    public static Map<String, String> render(Snapshot snapshot) {
        Map<String, List<ConfigObject>> byFile = new LinkedHashMap<>();
        byFile.put(LTM, new ArrayList<>());
        byFile.put(BASE, new ArrayList<>());
        byFile.put(USER, new ArrayList<>());
        snapshot.all().filter(ConfFile::userOrChanged)
                .forEach(object -> byFile.computeIfAbsent(fileOf(object), f -> new ArrayList<>()).add(object));
        Map<String, String> texts = new LinkedHashMap<>();
        byFile.forEach((name, list) -> {
            Set<ConfigObject> objects = Set.copyOf(list);
            texts.put(name, ConfFile.write(snapshot, objects::contains));
        });
        return texts;
    }

    /** Writes the whole running configuration as one file ({@code save sys config file F}). */
    public synchronized String saveSingle(Path file) {
        Snapshot snapshot = commands.snapshot();
        Path target = resolve(file);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, ConfFile.write(snapshot, ConfFile::userOrChanged), StandardCharsets.UTF_8);
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the configuration to " + target, e);
        }
    }

    /** A file named in a command: relative names are in {@code /config}. */
    public Path resolve(Path file) {
        return file.isAbsolute() ? file : directory.resolve(file);
    }

    private void removeStalePartitionFiles(Set<String> keep) throws IOException {
        Path partitions = directory.resolve(PARTITIONS);
        if (!Files.isDirectory(partitions)) {
            return;
        }
        try (Stream<Path> files = Files.walk(partitions, 2)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = directory.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith(".conf") && !keep.contains(relative)) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The saved files a full load reads, in BIG-IP's order: base, users, LTM, then each partition. */
    private List<String> savedFiles() throws IOException {
        List<String> files = new ArrayList<>();
        for (String name : List.of(BASE, USER, LTM)) {
            if (Files.isRegularFile(directory.resolve(name))) {
                files.add(name);
            }
        }
        Path partitions = directory.resolve(PARTITIONS);
        if (Files.isDirectory(partitions)) {
            try (Stream<Path> folders = Files.list(partitions)) {
                for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                    for (String name : List.of(BASE, LTM)) {
                        if (Files.isRegularFile(folder.resolve(name))) {
                            files.add(PARTITIONS + "/" + folder.getFileName() + "/" + name);
                        }
                    }
                }
            }
        }
        return files;
    }

    /**
     * Replaces the running configuration with the saved files ({@code load sys config}), or only
     * checks that it could ({@code verify}).
     */
    public synchronized LoadResult load(Principal principal, boolean verify)
            throws IOException, SyntaxError, ConfigError {
        List<String> names = savedFiles();
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : names) {
            texts.put(name, Files.readString(directory.resolve(name), StandardCharsets.UTF_8));
        }
        return apply(principal, texts, true, verify);
    }

    /**
     * Replaces the running configuration with saved files given as text, by their names relative to
     * /config, read in BIG-IP's load order ({@code load sys ucs}); one all-or-nothing change.
     */
    public synchronized LoadResult replace(Principal principal, Map<String, String> files, boolean verify)
            throws SyntaxError, ConfigError {
        Map<String, String> ordered = new LinkedHashMap<>();
        files.keySet().stream().sorted(Comparator.comparingInt(ConfigFiles::loadRank).thenComparing(name -> name))
                .forEach(name -> ordered.put(name, files.get(name)));
        return apply(principal, ordered, true, verify);
    }

    /** Whether {@code name} (relative to /config) is one of the saved configuration files. */
    public static boolean isSavedFile(String name) {
        return loadRank(name) < Integer.MAX_VALUE;
    }

    private static int loadRank(String name) {
        int top = List.of(BASE, USER, LTM).indexOf(name);
        if (top >= 0) {
            return top;
        }
        String[] parts = name.split("/");
        if (parts.length == 3 && parts[0].equals(PARTITIONS) && !parts[1].isEmpty() && !parts[1].startsWith(".")
                && (parts[2].equals(BASE) || parts[2].equals(LTM))) {
            return parts[2].equals(BASE) ? 3 : 4;
        }
        return Integer.MAX_VALUE;
    }

    /** Merges one file into the running configuration: each stanza replaces that whole object. */
    public synchronized LoadResult merge(Principal principal, Path file, boolean verify)
            throws IOException, SyntaxError, ConfigError {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(file.toString(), Files.readString(resolve(file), StandardCharsets.UTF_8));
        return apply(principal, texts, false, verify);
    }

    /** Returns to the factory configuration: built-ins only, as shipped ({@code load sys config default}). */
    public synchronized LoadResult loadDefault(Principal principal) throws ConfigError {
        List<Command> batch = new ArrayList<>(resets(commands.snapshot(), Set.of()));
        commands.execute(loader(principal), batch);
        return new LoadResult(List.of(), List.of());
    }

    private LoadResult apply(Principal principal, Map<String, String> texts, boolean replace, boolean verify)
            throws SyntaxError, ConfigError {
        List<String> names = List.copyOf(texts.keySet());
        Snapshot base = commands.snapshot();
        List<Command> read = new ArrayList<>();
        Map<String, ConfFile.Skipped> skipped = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (String name : names) {
            ConfFile.Parsed parsed = ConfFile.parse(texts.get(name), name, base);
            read.addAll(parsed.commands());
            parsed.skipped().forEach((what, s) -> skipped.merge(what, s,
                    (a, b) -> new ConfFile.Skipped(a.count() + b.count(), a.firstAt())));
        }
        skipped.forEach((what, s) -> warnings.add("Skipped " + s.count() + " \"" + what + "\" stanza"
                + (s.count() == 1 ? "" : "s") + " (first at " + s.firstAt() + "): Gatehouse does not model it."));
        warnings.addAll(new KeyFiles(directory).warnings(read));
        List<Command> batch = new ArrayList<>(ordered(read));
        if (replace) {
            Set<String> named = new HashSet<>();
            for (Command command : read) {
                named.add(command.type().path() + " " + command.fullPath());
            }
            batch.addAll(resets(base, named));
        }
        Principal loader = loader(principal);
        if (verify) {
            commands.verify(loader, batch);
        } else {
            commands.execute(loader, batch);
        }
        warnings.forEach(warning -> LOG.warn("load sys config: {}", warning));
        List<String> files = new ArrayList<>();
        for (String name : names) {
            files.add(replace ? "/config/" + name : name);
        }
        return new LoadResult(files, warnings);
    }

    private static Principal loader(Principal principal) {
        return new Principal(principal.user(), Principal.Origin.CONFIG_LOAD);
    }

    /** Partitions first, then folders from the top down, then everything else in file order. */
    private static List<Command> ordered(List<Command> commands) {
        return commands.stream().sorted(Comparator.comparingInt(ConfigFiles::rank)).toList();
    }

    private static int rank(Command command) {
        String path = command.type().path();
        if (path.equals("auth partition")) {
            return 0;
        }
        if (path.equals("sys folder")) {
            return (int) command.fullPath().chars().filter(c -> c == '/').count();
        }
        return 1000;
    }

    /**
     * What takes away everything the files do not name: user objects are deleted (objects before the
     * folders that hold them, deepest folder first, partitions last) and changed built-ins are reset.
     */
    private static List<Command> resets(Snapshot snapshot, Set<String> named) {
        List<Command> deletes = new ArrayList<>();
        List<Command> resets = new ArrayList<>();
        snapshot.all().forEach(object -> {
            ComponentType type = object.type();
            if (named.contains(type.path() + " " + object.fullPath()) || goesWithPartition(object, snapshot, named)) {
                return;
            }
            Optional<ComponentType.Builtin> builtin = type.builtins().stream()
                    .filter(b -> type.builtinPath(b).equals(object.fullPath())).findFirst();
            if (builtin.isPresent()) {
                if (!builtin.get().body().equals(object.body())) {
                    List<Edit> edits = BodyEdits.of(builtin.get().body());
                    resets.add(new Command.Replace(type, object.fullPath(), edits));
                }
            } else {
                deletes.add(new Command.Delete(type, object.fullPath()));
            }
        });
        deletes.sort(Comparator.comparingInt(ConfigFiles::deleteRank));
        List<Command> all = new ArrayList<>(resets);
        all.addAll(deletes);
        return all;
    }

    /**
     * A partition and its root folder are deleted and kept together (the command service deletes both
     * when either goes): a root folder is left to its partition, and a partition whose root folder
     * the files name stays.
     */
    private static boolean goesWithPartition(ConfigObject object, Snapshot snapshot, Set<String> named) {
        String path = object.type().path();
        String fullPath = object.fullPath();
        if (path.equals("auth partition")) {
            return named.contains("sys folder /" + fullPath);
        }
        boolean partitionRoot = path.equals("sys folder") && !fullPath.equals("/")
                && Paths.folder(fullPath).equals("/");
        return partitionRoot && snapshot.schema().type("auth partition")
                .flatMap(partition -> snapshot.get(partition, Paths.name(fullPath))).isPresent();
    }

    private static int deleteRank(Command command) {
        String path = command.type().path();
        if (path.equals("auth partition")) {
            return 1000;
        }
        if (path.equals("sys folder")) {
            return 999 - (int) command.fullPath().chars().filter(c -> c == '/').count();
        }
        return 0;
    }
}
