package net.gatehouse.appliance.datagroup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.command.CommandService;
import net.gatehouse.appliance.command.Principal;
import net.gatehouse.appliance.config.ConfigError;
import net.gatehouse.appliance.config.ConfigObject;
import net.gatehouse.appliance.config.Edit;
import net.gatehouse.appliance.files.ImportSources;

/**
 * Imports of {@code sys file data-group}, the one path for tmsh ({@code create|modify sys file data-group
 * NAME source-path file:/PATH}) and iControl REST ({@code "sourcePath"}): a create, modify or replace
 * that sets {@code source-path} reads that file ({@link ImportSources} says from where), checks every
 * record against the file's {@code type}, and becomes the same command carrying BIG-IP's
 * {@code checksum} ({@code SHA1:<size>:<hex>}), {@code size} and {@code revision} (1, then one more on
 * each import). The command is then run, or queued in a transaction, by the caller like any other, so
 * a refused import changes nothing. Loading a bigip.conf does not come here: its stanzas carry what an
 * earlier import recorded.
 */
public final class DataGroupImports {

    /** The component imported. */
    public static final String COMPONENT = "sys file data-group";

    private static final String SOURCE_PATH = "source-path";
    private static final Set<String> IMPORTED = Set.of("checksum", "size", "revision", "type");

    private final CommandService commands;
    private final ImportSources sources;

    public DataGroupImports(CommandService commands, ImportSources sources) {
        this.commands = commands;
        this.sources = sources;
    }

    /**
     * Whether {@code command} creates a data group file, or modifies or replaces one naming a
     * {@code source-path}: a create is always an import (BIG-IP makes a data group file only from a file).
     */
    public static boolean isImport(Command command) {
        return command.type().path().equals(COMPONENT) && (command instanceof Command.Create
                || !(command instanceof Command.Delete) && sourcePath(edits(command)).isPresent());
    }

    /**
     * {@code command} with what importing its {@code source-path} found. The principal's right to make
     * the change is checked before the file is read, so no one learns of a file they could not import.
     * A create without a {@code source-path} is refused.
     */
    public Command imported(Principal principal, Command command) throws ConfigError {
        commands.authorize(principal, command);
        List<Edit> given = edits(command);
        Optional<String> named = sourcePath(given);
        if (named.isEmpty()) {
            throw ImportSources.missing(object(command), ImportSources.Property.SOURCE_PATH,
                    "a data group file is created by importing a file (source-path file:/PATH)");
        }
        String sourcePath = named.get();
        Optional<ConfigObject> current = command instanceof Command.Create ? Optional.empty()
                : commands.snapshot().get(command.type(), command.fullPath());
        String type = given.stream().filter(e -> e.property().equals("type") && e instanceof Edit.SetText)
                .map(e -> ((Edit.SetText) e).value()).reduce((first, last) -> last)
                .or(() -> current.flatMap(o -> o.body().text("type"))).orElse("string");
        byte[] bytes = sources.read(object(command), ImportSources.Property.SOURCE_PATH, sourcePath);
        DataGroupFileText.records(command.fullPath(), sourcePath, type, bytes);
        long revision = current.flatMap(o -> o.body().text("revision")).map(Long::parseLong).orElse(0L) + 1;
        List<Edit> edits = new ArrayList<>(given.stream().filter(e -> !IMPORTED.contains(e.property())).toList());
        edits.add(new Edit.SetText("type", type));
        edits.add(new Edit.SetText("checksum", DataGroupFileText.checksum(bytes)));
        edits.add(new Edit.SetText("size", Long.toString(bytes.length)));
        edits.add(new Edit.SetText("revision", Long.toString(revision)));
        if (command instanceof Command.Create) {
            return new Command.Create(command.type(), command.fullPath(), edits);
        }
        return command instanceof Command.Replace ? new Command.Replace(command.type(), command.fullPath(), edits)
                : new Command.Modify(command.type(), command.fullPath(), edits);
    }

    private static String object(Command command) {
        return "data group file (" + command.fullPath() + ")";
    }

    private static List<Edit> edits(Command command) {
        if (command instanceof Command.Create create) {
            return create.edits();
        }
        if (command instanceof Command.Modify modify) {
            return modify.edits();
        }
        return command instanceof Command.Replace replace ? replace.edits() : List.of();
    }

    private static Optional<String> sourcePath(List<Edit> edits) {
        return edits.stream().filter(e -> e.property().equals(SOURCE_PATH) && e instanceof Edit.SetText)
                .map(e -> ((Edit.SetText) e).value()).filter(v -> !v.equals("none")).reduce((first, last) -> last);
    }
}
