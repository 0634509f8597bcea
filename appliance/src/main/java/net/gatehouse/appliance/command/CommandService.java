package net.gatehouse.appliance.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import net.gatehouse.appliance.config.Body;
import net.gatehouse.appliance.config.BodyCodec;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Secrets;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.config.Edits;
import net.gatehouse.appliance.config.Snapshot;
import net.gatehouse.appliance.config.Value;
import net.gatehouse.appliance.persist.CookieProfileRule;
import net.gatehouse.appliance.schema.ComponentType;
import net.gatehouse.appliance.schema.Family;
import net.gatehouse.appliance.schema.Paths;
import net.gatehouse.appliance.schema.Property;
import net.gatehouse.appliance.schema.ValueType.Reference;
import net.gatehouse.appliance.store.ConfigStore;
import net.gatehouse.appliance.store.StoreFailure;
import net.gatehouse.appliance.syntax.StanzaWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only write path. A batch of commands is authorised, applied to a candidate snapshot,
 * completed (derived values, implied objects), validated as BIG-IP would, committed durably to the
 * store as one generation, and published — or refused whole, leaving nothing changed.
 */
public final class CommandService {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASK = "********";

    private final ConfigStore store;
    private final Authorizer authorizer;
    private final Clock clock;
    private final Map<String, ComponentRule> rules;
    private final Secrets secrets;
    private final List<Consumer<Commit>> subscribers = new CopyOnWriteArrayList<>();
    private volatile Snapshot current;

    /** @param secrets encrypts passwords and passphrases under the device master key as they are committed */
    public CommandService(Snapshot initial, ConfigStore store, Authorizer authorizer, Clock clock, Secrets secrets) {
        this.current = initial;
        this.store = store;
        this.authorizer = authorizer;
        this.clock = clock;
        this.secrets = secrets;
        ComponentRule partitionRoot = new PartitionRootRule();
        this.rules = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
                PartitionRootRule.PARTITION, partitionRoot,
                PartitionRootRule.FOLDER, partitionRoot,
                "ltm pool", new PoolRule(),
                "ltm virtual", new VirtualRule(clock),
                "ltm snatpool", new SnatpoolRule(),
                "sys db", new SysDbRule(),
                "auth user", new AuthUserRule(),
                "ltm policy", new PolicyRule(),
                "ltm persistence cookie", new CookieProfileRule(),
                "ltm profile one-connect", new OneConnectProfileRule()));
    }

    /** Adds the rule of a component that has none yet (certificate checks on the SSL profiles). */
    public void addRule(String component, ComponentRule rule) {
        if (rules.putIfAbsent(component, rule) != null) {
            throw new IllegalStateException(component + " already has a rule");
        }
    }

    /** The running configuration, as of the last commit. */
    public Snapshot snapshot() {
        return current;
    }

    /** The stored secrets ({@code $M$} values) and their clear text, for the features that use them. */
    public Secrets secrets() {
        return secrets;
    }

    /** Called after every commit, in commit order, with the new snapshot and what changed. */
    public void subscribe(Consumer<Commit> subscriber) {
        subscribers.add(subscriber);
    }

    public Commit execute(Principal principal, Command... commands) throws ConfigError {
        return execute(principal, List.of(commands));
    }

    /**
     * Applies the commands as one all-or-nothing change. A refusal is recorded for the audit log
     * (who, through which interface, what was attempted, why it was refused) before it is thrown.
     */
    public synchronized Commit execute(Principal principal, List<Command> commands) throws ConfigError {
        try {
            return run(principal, commands, true);
        } catch (ConfigError e) {
            store.refuse(new ConfigStore.Refusal(clock.millis(), principal.user(), principal.origin().name(),
                    attempted(commands), e.getMessage()));
            throw e;
        }
    }

    /**
     * Refuses, as {@link #execute} would, a command the principal may not make at all, before anything
     * is done for it (an import reads its file only after this). The refusal is recorded like any other.
     */
    public void authorize(Principal principal, Command command) throws ConfigError {
        try {
            authorizer.authorize(principal, command, current);
        } catch (ConfigError e) {
            store.refuse(new ConfigStore.Refusal(clock.millis(), principal.user(), principal.origin().name(),
                    attempted(List.of(command)), e.getMessage()));
            throw e;
        }
    }

    /**
     * The running configuration as {@code principal} may see it: objects in partitions they have no
     * role in, and accounts they may not read, are left out ({@link Authorizer#visible}). Every read
     * (tmsh {@code list}/{@code show}, REST GET) goes through here.
     */
    public Snapshot readable(Principal principal) {
        Snapshot running = current;
        Snapshot.Builder visible = running.toBuilder();
        running.all().forEach(object -> authorizer.visible(principal, object, running).ifPresentOrElse(
                seen -> {
                    if (seen != object) {
                        visible.put(seen);
                    }
                },
                () -> visible.remove(object.type(), object.fullPath())));
        return visible.build(running.generation());
    }

    /**
     * Checks the commands exactly as {@link #execute} would, without committing them: the answer is
     * the commit that would result, or the error that would refuse it ({@code load sys config verify}).
     */
    public synchronized Commit verify(Principal principal, List<Command> commands) throws ConfigError {
        return run(principal, commands, false);
    }

    private Commit run(Principal principal, List<Command> commands, boolean apply) throws ConfigError {
        Snapshot base = current;
        Snapshot.Builder candidate = base.toBuilder();
        Map<String, ConfigObject> touched = new LinkedHashMap<>();
        Map<String, ConfigObject> deleted = new LinkedHashMap<>();
        for (Command command : commands) {
            authorizer.authorize(principal, command, base);
            apply(principal, command, candidate, touched, deleted);
        }
        complete(candidate, touched, deleted);
        Snapshot view = candidate.view();
        for (ConfigObject object : touched.values()) {
            validate(object, view);
        }
        refuseIfReferenced(deleted.values(), view);
        seal(candidate, touched);
        List<Change> changes = changes(base, touched, deleted);
        for (Change change : changes) {
            authorizer.authorize(principal, change, base);
        }
        if (changes.isEmpty()) {
            return new Commit(base, principal, List.of(), "");
        }
        if (!apply) {
            Snapshot sealed = candidate.view();
            return new Commit(sealed, principal, changes, tmshText(sealed, changes));
        }
        return commit(principal, base, candidate, changes);
    }

    private void apply(Principal principal, Command command, Snapshot.Builder candidate,
            Map<String, ConfigObject> touched, Map<String, ConfigObject> deleted) throws ConfigError {
        ComponentType type = command.type();
        String path = command.fullPath();
        Snapshot view = candidate.view();
        Optional<ConfigObject> existing = view.get(type, path);
        String key = key(type, path);
        if (command instanceof Command.Delete) {
            ConfigObject object = existing.orElseThrow(() -> ErrorCatalog.notFound(type.label(), path));
            if (type.isBuiltin(path) || type.fixed()) {
                throw ErrorCatalog.builtIn(type, path);
            }
            refuseIfFolderNotEmpty(object, view);
            List<ConfigObject> gone = new ArrayList<>(List.of(object));
            ComponentRule rule = rules.get(type.path());
            if (rule != null) {
                gone.addAll(rule.deletedWith(object, view));
            }
            for (ConfigObject each : gone) {
                String eachKey = key(each.type(), each.fullPath());
                candidate.remove(each.type(), each.fullPath());
                touched.remove(eachKey);
                deleted.put(eachKey, each);
            }
            return;
        }
        List<Edit> edits = editsOf(command);
        refuseReadOnly(principal, type, path, edits);
        Body start;
        if (command instanceof Command.Modify) {
            start = existing.orElseThrow(() -> ErrorCatalog.notFound(type.label(), path)).body();
        } else {
            checkNewName(command, type, path, view, existing);
            start = Body.EMPTY;
        }
        Body body = Edits.apply(type.properties(), start, edits, path);
        ConfigObject object = new ConfigObject(type, path, body, existing.map(ConfigObject::generation).orElse(0L));
        candidate.put(object);
        deleted.remove(key);
        touched.put(key, object);
    }

    private static List<Edit> editsOf(Command command) {
        if (command instanceof Command.Create create) {
            return create.edits();
        }
        if (command instanceof Command.Modify modify) {
            return modify.edits();
        }
        return ((Command.Replace) command).edits();
    }

    private static void checkNewName(Command command, ComponentType type, String path, Snapshot view,
            Optional<ConfigObject> existing) throws ConfigError {
        if (type.fixed() && existing.isEmpty()) {
            throw ErrorCatalog.fixedSet(type, path);
        }
        if (command instanceof Command.Create && view.find(type.family(), path).isPresent()) {
            throw ErrorCatalog.alreadyExists(type, path);
        }
        if (command instanceof Command.Replace && existing.isEmpty() && view.find(type.family(), path).isPresent()) {
            throw ErrorCatalog.alreadyExists(type, path);
        }
        if (existing.isPresent()) {
            return; // a name already held (the root folder "/" among them) is not judged again
        }
        if (type.partitioned()) {
            if (!path.startsWith("/") || !Paths.isValidName(Paths.name(path))) {
                throw ErrorCatalog.invalidName(type, path);
            }
            if (!folderExists(view, Paths.folder(path))) {
                throw ErrorCatalog.folderMissing(type, path);
            }
        } else if (!Paths.isValidName(path)) {
            throw ErrorCatalog.invalidName(type, path);
        }
    }

    /**
     * {@code /} always exists; {@code /P} is a partition ({@code auth partition P}); deeper folders are
     * {@code sys folder}s.
     */
    private static boolean folderExists(Snapshot view, String folder) {
        if (folder.equals("/")) {
            return true;
        }
        boolean partitionRoot = folder.equals("/" + Paths.partition(folder));
        return partitionRoot ? view.find(Family.FOLDER, Paths.partition(folder)).isPresent()
                : view.find(Family.FOLDER, folder).isPresent();
    }

    private static void refuseReadOnly(Principal principal, ComponentType type, String path, List<Edit> edits)
            throws ConfigError {
        if (principal.origin() != Principal.Origin.TMSH && principal.origin() != Principal.Origin.REST) {
            return;
        }
        for (Edit edit : edits) {
            Optional<Property> property = type.property(edit.property());
            if (property.isPresent() && property.get().has(Property.Trait.READ_ONLY)) {
                throw ErrorCatalog.readOnly(type, path, edit.property());
            }
        }
    }

    private static void refuseIfFolderNotEmpty(ConfigObject object, Snapshot view) throws ConfigError {
        if (!object.type().family().equals(Family.FOLDER)) {
            return;
        }
        String prefix = (object.type().partitioned() ? object.fullPath() : "/" + object.fullPath()) + "/";
        Optional<ConfigObject> inside = view.all().filter(o -> o.fullPath().startsWith(prefix)).findFirst();
        if (inside.isPresent()) {
            throw new ConfigError("0107082a", "The " + object.type().label() + " (" + object.fullPath()
                    + ") cannot be deleted because it is not empty; it holds " + inside.get().type().label() + " ("
                    + inside.get().fullPath() + ").");
        }
    }

    /** Derived values and implied objects, until nothing more is implied. */
    private void complete(Snapshot.Builder candidate, Map<String, ConfigObject> touched,
            Map<String, ConfigObject> deleted) {
        List<ConfigObject> pending = new ArrayList<>(touched.values());
        while (!pending.isEmpty()) {
            List<ConfigObject> implied = new ArrayList<>();
            for (ConfigObject object : pending) {
                ComponentRule rule = rules.get(object.type().path());
                if (rule == null) {
                    continue;
                }
                ConfigObject derived = object.withBody(rule.derive(object, candidate.view()));
                candidate.put(derived);
                touched.put(key(derived.type(), derived.fullPath()), derived);
                for (ConfigObject extra : rule.implied(derived, candidate.view())) {
                    candidate.put(extra);
                    // Implied again by the same batch that deleted it (a configuration load): it stays.
                    deleted.remove(key(extra.type(), extra.fullPath()));
                    touched.put(key(extra.type(), extra.fullPath()), extra);
                    implied.add(extra);
                }
            }
            pending = implied;
        }
    }

    /** Encrypts the secrets given in clear and checks those given encrypted ({@link Secrets#sealed}). */
    private void seal(Snapshot.Builder candidate, Map<String, ConfigObject> touched) throws ConfigError {
        for (Map.Entry<String, ConfigObject> entry : touched.entrySet()) {
            ConfigObject sealed = secrets.sealed(entry.getValue());
            if (sealed != entry.getValue()) {
                candidate.put(sealed);
                entry.setValue(sealed);
            }
        }
    }

    /**
     * After the master key changed: every stored secret, decrypted under the {@code previous} master
     * key's vault and encrypted under the current one, as one commit. A secret that does not decrypt
     * refuses the whole change, naming object and property.
     */
    public synchronized Commit reseal(Principal principal, Secrets.Vault previous) throws ConfigError {
        return rewriteSecrets(principal, object -> secrets.resealed(object, previous), "modify sys crypto master-key");
    }

    /**
     * At boot: encrypts the secrets a store written by an earlier version holds in clear, and checks
     * the others decrypt; one commit, or none when nothing is in clear.
     */
    public synchronized Commit sealStoredSecrets(Principal principal) throws ConfigError {
        return rewriteSecrets(principal, secrets::sealed, "seal stored secrets");
    }

    /** How one object's secrets are rewritten. */
    @FunctionalInterface
    private interface SecretRewrite {
        ConfigObject apply(ConfigObject object) throws ConfigError;
    }

    private Commit rewriteSecrets(Principal principal, SecretRewrite rewrite, String attempted) throws ConfigError {
        Snapshot base = current;
        Snapshot.Builder candidate = base.toBuilder();
        Map<String, ConfigObject> touched = new LinkedHashMap<>();
        try {
            for (ConfigObject object : (Iterable<ConfigObject>) base.all()::iterator) {
                ConfigObject rewritten = rewrite.apply(object);
                if (rewritten != object) {
                    candidate.put(rewritten);
                    touched.put(key(rewritten.type(), rewritten.fullPath()), rewritten);
                }
            }
            List<Change> changes = changes(base, touched, Map.of());
            for (Change change : changes) {
                authorizer.authorize(principal, change, base);
            }
            if (changes.isEmpty()) {
                return new Commit(base, principal, List.of(), "");
            }
            return commit(principal, base, candidate, changes);
        } catch (ConfigError e) {
            store.refuse(new ConfigStore.Refusal(clock.millis(), principal.user(), principal.origin().name(),
                    attempted + "\n", e.getMessage()));
            throw e;
        }
    }

    private void validate(ConfigObject object, Snapshot view) throws ConfigError {
        ComponentType type = object.type();
        for (Property property : type.properties()) {
            if (property.has(Property.Trait.REQUIRED) && !object.body().has(property.name())) {
                throw ErrorCatalog.required(type, object.fullPath(), property.name());
            }
        }
        for (Reference reference : References.of(object)) {
            boolean modelled = !view.schema().family(reference.family()).isEmpty();
            if (modelled && view.find(reference.family(), reference.fullPath()).isEmpty()) {
                throw ErrorCatalog.notFound(label(view, reference.family()), reference.fullPath());
            }
        }
        validateParent(object, view);
        ComponentRule rule = rules.get(type.path());
        if (rule != null) {
            rule.validate(object, view);
        }
    }

    private static void validateParent(ConfigObject object, Snapshot view) throws ConfigError {
        ComponentType type = object.type();
        if (type.parent().isEmpty()) {
            return;
        }
        Optional<String> parent = object.body().text(type.parent().get());
        if (parent.isEmpty() || parent.get().equals("none")) {
            return;
        }
        if (parent.get().equals(object.fullPath())) {
            throw ConfigError.general("A " + type.label().toLowerCase() + " may not default from itself \""
                    + object.fullPath() + "\"");
        }
        if (view.get(type, parent.get()).isEmpty()) {
            throw ConfigError.general("The parent " + type.label().toLowerCase() + " (" + parent.get() + ") of "
                    + object.fullPath() + " must be of the same type (" + type.path() + ")");
        }
    }

    /** Refuses deleting what something still refers to, naming the first referrer. */
    private static void refuseIfReferenced(Collection<ConfigObject> deleted, Snapshot view) throws ConfigError {
        if (deleted.isEmpty()) {
            return;
        }
        Set<Reference> targets = new HashSet<>();
        for (ConfigObject object : deleted) {
            targets.add(new Reference(object.type().family(), object.fullPath()));
        }
        for (ConfigObject other : (Iterable<ConfigObject>) view.all()::iterator) {
            for (Reference reference : References.of(other)) {
                if (targets.contains(reference)) {
                    throw inUse(deleted, reference, other);
                }
            }
        }
    }

    private static ConfigError inUse(Collection<ConfigObject> deleted, Reference reference, ConfigObject referrer) {
        ConfigObject target = deleted.stream()
                .filter(d -> d.type().family().equals(reference.family()) && d.fullPath().equals(reference.fullPath()))
                .findFirst().orElseThrow();
        if (target.type().path().equals("ltm node") && referrer.type().path().equals("ltm pool")) {
            return new ConfigError("01070110", "Node address '" + target.fullPath()
                    + "' is referenced by a member of pool '" + referrer.fullPath() + "'.");
        }
        return ErrorCatalog.inUse(target.type(), target.fullPath(), referrer.type(), referrer.fullPath());
    }

    private static String label(Snapshot view, Family family) {
        List<ComponentType> types = view.schema().family(family);
        return types.isEmpty() ? family.name() : types.get(0).label();
    }

    private static List<Change> changes(Snapshot base, Map<String, ConfigObject> touched,
            Map<String, ConfigObject> deleted) {
        List<Change> changes = new ArrayList<>();
        for (ConfigObject object : touched.values()) {
            Optional<ConfigObject> before = base.get(object.type(), object.fullPath());
            if (before.isEmpty() || !before.get().body().equals(object.body())) {
                changes.add(new Change(before, Optional.of(object)));
            }
        }
        for (ConfigObject object : deleted.values()) {
            if (base.get(object.type(), object.fullPath()).isPresent()) {
                changes.add(new Change(Optional.of(object), Optional.empty()));
            }
        }
        return changes;
    }

    private Commit commit(Principal principal, Snapshot base, Snapshot.Builder candidate, List<Change> changes) {
        long generation = base.generation() + 1;
        List<Change> stamped = new ArrayList<>();
        List<ConfigStore.StoredObject> writes = new ArrayList<>();
        List<ConfigStore.Deletion> deletions = new ArrayList<>();
        for (Change change : changes) {
            if (change.isDelete()) {
                ConfigObject object = change.before().orElseThrow();
                deletions.add(new ConfigStore.Deletion(object.type().path(), object.fullPath()));
                stamped.add(change);
            } else {
                ConfigObject object = change.after().orElseThrow().atGeneration(generation);
                candidate.put(object);
                writes.add(new ConfigStore.StoredObject(object.type().path(), object.fullPath(),
                        BodyCodec.write(object.body()), generation));
                stamped.add(new Change(change.before(), Optional.of(object)));
            }
        }
        Snapshot next = candidate.build(generation);
        String tmsh = tmshText(next, stamped);
        Commit commit = new Commit(next, principal, stamped, tmsh);
        try {
            store.commit(new ConfigStore.Commit(generation, clock.millis(), principal.user(), principal.origin().name(),
                    changeset(stamped), tmsh, writes, deletions));
        } catch (StoreFailure failure) {
            if (store.generation() == generation) {
                // stored, but not forced to the disk: the running configuration is what the store holds
                publish(commit);
            }
            throw failure;
        }
        publish(commit);
        return commit;
    }

    private void publish(Commit commit) {
        current = commit.snapshot();
        for (Consumer<Commit> subscriber : subscribers) {
            try {
                subscriber.accept(commit);
            } catch (RuntimeException e) {
                LOG.error("A subscriber failed to apply generation {}", commit.snapshot().generation(), e);
            }
        }
    }

    /**
     * The commit in tmsh words, one command per line, as the audit log shows it; passwords and
     * password hashes are written as {@code ********}.
     */
    private static String tmshText(Snapshot next, List<Change> changes) {
        StanzaWriter writer = new StanzaWriter(next, StanzaWriter.Mode.CONF, Paths.COMMON);
        StringBuilder text = new StringBuilder();
        for (Change change : changes) {
            ConfigObject object = change.object();
            if (change.isDelete()) {
                text.append("delete ").append(object.type().path()).append(' ').append(object.fullPath());
            } else {
                text.append(change.isCreate() ? "create " : "modify ")
                        .append(writer.writeOneLine(masked(object)).strip());
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static ConfigObject masked(ConfigObject object) {
        Body body = object.body();
        for (Property property : object.type().properties()) {
            boolean secret = property.has(Property.Trait.SECRET) || property.name().equals("encrypted-password");
            if (secret && body.has(property.name())) {
                body = body.with(property.name(), new Value.Text(MASK));
            }
        }
        return object.withBody(body);
    }

    /** A refused batch in tmsh words: verb, component and name of each command, never its values. */
    private static String attempted(List<Command> commands) {
        StringBuilder text = new StringBuilder();
        for (Command command : commands) {
            String verb = command instanceof Command.Create ? "create"
                    : command instanceof Command.Delete ? "delete" : "modify";
            text.append(verb).append(' ').append(command.type().path()).append(' ').append(command.fullPath())
                    .append('\n');
        }
        return text.toString();
    }

    private static String changeset(List<Change> changes) {
        ArrayNode array = JSON.createArrayNode();
        for (Change change : changes) {
            ObjectNode node = array.addObject();
            node.put("op", change.isCreate() ? "create" : change.isDelete() ? "delete" : "modify");
            node.put("kind", change.object().type().path());
            node.put("fullPath", change.object().fullPath());
            change.after().ifPresent(after -> node.put("body", BodyCodec.write(after.body())));
        }
        return array.toString();
    }

    private static String key(ComponentType type, String path) {
        return type.path() + " " + path;
    }
}
