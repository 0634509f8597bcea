package net.gatehouse.appliance.ucs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an archive's files under {@code /config}, remembering what each replaced so that a failed load
 * can put every file back as it was (or remove it, if it did not exist).
 */
final class FileRestore {

    private final Path root;
    private final Map<Path, Optional<byte[]>> replaced = new LinkedHashMap<>();

    FileRestore(Path root) {
        this.root = root;
    }

    void write(Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!UcsFile.safe(file.getKey())) {
                throw new IOException("the file " + file.getKey() + " is not under /config");
            }
            Path target = root.resolve(file.getKey()).normalize();
            if (!target.startsWith(root.normalize())) {
                throw new IOException("the file " + file.getKey() + " is not under /config");
            }
            if (!replaced.containsKey(target)) {
                replaced.put(target, Files.isRegularFile(target) ? Optional.of(Files.readAllBytes(target)) : Optional.empty());
            }
            put(target, file.getValue());
        }
    }

    /** Puts back every file this restore replaced; tries them all and reports the first failure. */
    void undo() throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (Map.Entry<Path, Optional<byte[]>> file : replaced.entrySet()) {
            try {
                if (file.getValue().isPresent()) {
                    put(file.getKey(), file.getValue().get());
                } else {
                    Files.deleteIfExists(file.getKey());
                }
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static void put(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
