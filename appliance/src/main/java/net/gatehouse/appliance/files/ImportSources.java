package net.gatehouse.appliance.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import net.gatehouse.appliance.config.ConfigError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local files an import may read, named in a {@code source-path} as BIG-IP's tmsh and iControl
 * REST name them ({@code file:/PATH}, {@code file:///PATH}). Two kinds of place are readable:
 * <ul>
 * <li>the upload folder, {@code /var/config/rest/downloads/}, which is {@code <data-dir>/rest/downloads/}
 * (where {@code /mgmt/shared/file-transfer/uploads} puts files);
 * <li>the host's scratch folders where an administrator copies a file for an import, as F5's articles
 * do: {@code /var/tmp/}, {@code /shared/tmp/} and {@code /tmp/} (where {@code util/unix-mv} moves uploads).
 * </ul>
 * Nothing else is read: not the rest of the host (keys, password files, home folders), and not the
 * appliance's own data directory (its store, master key and key slots) even when it lies in a scratch
 * folder, the upload folder excepted. Links are followed first and the place they lead to is what is
 * checked. A file must be a regular file of at most {@link #LIMIT_BYTES}.
 */
public final class ImportSources {

    private static final Logger LOG = LoggerFactory.getLogger(ImportSources.class);

    /** The upload folder as F5's clients name it. */
    public static final String UPLOADS = "/var/config/rest/downloads/";

    /** The host's folders an import may read, as they are named. */
    public static final List<String> HOST_FOLDERS = List.of("/var/tmp/", "/shared/tmp/", "/tmp/");

    /** The largest file read: 256 MiB, the largest upload. */
    public static final long LIMIT_BYTES = 256L * 1024 * 1024;

    private final Path dataDirectory;
    private final Path uploads;

    /** The sources of the appliance whose data lives in {@code dataDirectory}. */
    public ImportSources(Path dataDirectory) {
        this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
        this.uploads = uploadFolder(this.dataDirectory);
    }

    /** Where the upload folder ({@link #UPLOADS}) of an appliance's data directory is. */
    public static Path uploadFolder(Path dataDirectory) {
        return dataDirectory.resolve("rest").resolve("downloads");
    }

    /**
     * The bytes of the file {@code sourcePath} names, for the import of {@code object} (as an error
     * names it: {@code data group file (/Common/f)}); an error names the object, {@code source-path}
     * and the value.
     */
    public byte[] read(String object, String sourcePath) throws ConfigError {
        Path file = place(object, sourcePath);
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused(object, sourcePath, "there is no such file");
        } catch (IOException e) {
            throw unreadable(object, sourcePath, e);
        }
        if (!readable(file, real)) {
            throw refused(object, sourcePath, "the file leads outside " + places());
        }
        if (!Files.isRegularFile(real)) {
            throw refused(object, sourcePath, "it is not a regular file");
        }
        try {
            long size = Files.size(real);
            if (size > LIMIT_BYTES) {
                throw refused(object, sourcePath, "the file of " + size + " bytes is larger than the limit of "
                        + LIMIT_BYTES + " bytes");
            }
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw unreadable(object, sourcePath, e);
        }
    }

    /** The local path a {@code file:} URL names, when it is in one of the readable places. */
    private Path place(String object, String sourcePath) throws ConfigError {
        if (!sourcePath.startsWith("file:")) {
            throw refused(object, sourcePath, "only a local file (file:/PATH) can be imported");
        }
        String path = sourcePath.substring("file:".length());
        while (path.startsWith("//")) {
            path = path.substring(1);
        }
        Path normal;
        try {
            normal = Path.of(path).normalize();
        } catch (InvalidPathException e) {
            throw refused(object, sourcePath, "it is not a file path");
        }
        String text = normal.toString();
        if (!normal.isAbsolute()) {
            throw refused(object, sourcePath, "it is not an absolute file path");
        }
        if (text.startsWith(UPLOADS) && text.length() > UPLOADS.length()) {
            return uploads.resolve(text.substring(UPLOADS.length()));
        }
        boolean inHostFolder = HOST_FOLDERS.stream().anyMatch(f -> text.startsWith(f) && text.length() > f.length());
        if (!inHostFolder || normal.startsWith(dataDirectory)) {
            throw refused(object, sourcePath, "files are imported only from " + places());
        }
        return normal;
    }

    /** Whether the file, links followed, is still in the place its name put it. */
    private boolean readable(Path file, Path real) {
        try {
            if (file.startsWith(uploads)) {
                return real.startsWith(uploads.toRealPath());
            }
            if (real.startsWith(dataDirectory.toRealPath())) {
                return false;
            }
            for (String folder : HOST_FOLDERS) {
                Path root = Path.of(folder);
                if (file.startsWith(root) && Files.isDirectory(root) && real.startsWith(root.toRealPath())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            LOG.warn("Cannot resolve the folders an import may read: {}", e.toString());
            return false;
        }
    }

    private static String places() {
        return UPLOADS + ", " + String.join(", ", HOST_FOLDERS.subList(0, HOST_FOLDERS.size() - 1)) + " or "
                + HOST_FOLDERS.get(HOST_FOLDERS.size() - 1) + " (not the appliance's data directory)";
    }

    private static ConfigError unreadable(String object, String sourcePath, IOException e) {
        LOG.warn("Import of {} from {} cannot read the file: {}", object, sourcePath, e.toString());
        return refused(object, sourcePath, e instanceof AccessDeniedException ? "the file cannot be read (permission denied)"
                : "the file cannot be read (" + e.getClass().getSimpleName() + ")");
    }

    private static ConfigError refused(String object, String sourcePath, String reason) {
        return new ConfigError("01070712", "Values (" + sourcePath + ") specified for " + object + " property source-path: "
                + reason + ".");
    }
}
