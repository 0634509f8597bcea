package net.gatehouse.appliance.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import net.gatehouse.appliance.schema.Paths;

/** {@link SslFileStore} as plain files under {@code <data-dir>/config/filestore}; keys are mode 0600. */
final class FolderSslFileStore implements SslFileStore {

    private static final String CONFIG = "/config/";

    private final Path configDirectory;

    FolderSslFileStore(Path configDirectory) {
        this.configDirectory = configDirectory;
    }

    @Override
    public String store(Kind kind, String fullPath, long revision, byte[] content) {
        String partition = Paths.partition(fullPath);
        String cachePath = CONFIG + "filestore/files_d/" + partition + "_d/" + kind.folder() + "/"
                + fullPath.replace('/', ':') + "_" + revision;
        Path file = configDirectory.resolve(cachePath.substring(CONFIG.length()));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            if (kind == Kind.KEY && temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(temporary, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the " + kind.name().toLowerCase() + " of " + fullPath
                    + " cannot be stored in " + file, e);
        }
        return cachePath;
    }
}
