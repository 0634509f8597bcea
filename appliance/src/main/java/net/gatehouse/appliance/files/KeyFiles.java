package net.gatehouse.appliance.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.gatehouse.appliance.command.Command;
import net.gatehouse.appliance.config.Edit;

/**
 * Checks the {@code sys file ssl-key} stanzas of a load against the key material on this appliance.
 * A key whose material is not here (its {@code cache-path} names a file under {@code /config} that
 * does not exist) still loads — a configuration from another box must not fail whole for it — but
 * with a warning: the key is unusable until its material is installed on this appliance. (A
 * passphrase encrypted under another box's master key, {@code $M$...}, is refused by the command
 * service, as every secret that does not decrypt is.)
 */
final class KeyFiles {

    private static final String CONFIG = "/config/";

    private final Path directory;

    /** @param directory {@code <data-dir>/config}, where {@code /config/...} paths point */
    KeyFiles(Path directory) {
        this.directory = directory;
    }

    List<String> warnings(List<Command> commands) {
        List<String> warnings = new ArrayList<>();
        for (Command command : commands) {
            if (!command.type().path().equals("sys file ssl-key") || !(command instanceof Command.Replace replace)) {
                continue;
            }
            String key = "sys file ssl-key " + command.fullPath();
            Optional<String> cachePath = text(replace, "cache-path");
            if (cachePath.isEmpty() || !present(cachePath.get())) {
                warnings.add(key + ": the key material (" + cachePath.orElse("none") + ") is not on this appliance;"
                        + " the key is unusable until it is installed.");
            }
        }
        return warnings;
    }

    private boolean present(String cachePath) {
        return cachePath.startsWith(CONFIG) && !cachePath.contains("..")
                && Files.isRegularFile(directory.resolve(cachePath.substring(CONFIG.length())));
    }

    private static Optional<String> text(Command.Replace replace, String property) {
        return replace.edits().stream()
                .filter(e -> e instanceof Edit.SetText && e.property().equals(property))
                .map(e -> ((Edit.SetText) e).value())
                .findFirst();
    }
}
