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
 * The local files an import may read: the one rule for every import of a file, whether it is named in
 * a {@code source-path} as BIG-IP's tmsh and iControl REST name it ({@code file:/PATH},
 * {@code file:///PATH}: data group files, {@code sys file ssl-cert|ssl-key}) or in a
 * {@code from-local-file} as a plain path ({@code install sys crypto key|cert|pkcs12}). Two kinds of
 * place are readable:
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

    /** Where a file to import is named. */
    public enum Property {
        /** {@code source-path file:/PATH} (tmsh) or {@code "sourcePath"} (REST): a {@code file:} URL. */
        SOURCE_PATH("source-path"),
        /** {@code from-local-file PATH} of {@code install sys crypto}: a path, or a {@code file:} URL. */
        FROM_LOCAL_FILE("from-local-file");

        private final String tmshName;

        Property(String tmshName) {
            this.tmshName = tmshName;
        }

        /** The property as tmsh names it, and as an error names it. */
        public String tmshName() {
            return tmshName;
        }
    }

    /**
     * The bytes of the file {@code value} names, for the import of {@code object} (as an error names it:
     * {@code data group file (/Common/f)}); an error names the object, the property and the value.
     */
    public byte[] read(String object, Property property, String value) throws ConfigError {
        Path file = place(object, property, value);
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused(object, property, value, "there is no such file");
        } catch (IOException e) {
            throw unreadable(object, property, value, e);
        }
        if (!readable(file, real)) {
            throw refused(object, property, value, "the file leads outside " + places());
        }
        if (!Files.isRegularFile(real)) {
            throw refused(object, property, value, "it is not a regular file");
        }
        try {
            long size = Files.size(real);
            if (size > LIMIT_BYTES) {
                throw refused(object, property, value, "the file of " + size + " bytes is larger than the limit of "
                        + LIMIT_BYTES + " bytes");
            }
            return Files.readAllBytes(real);
        } catch (IOException e) {
            throw unreadable(object, property, value, e);
        }
    }

    /** What an object records as its {@code source-path} for a file named {@code value}: a {@code file:} URL. */
    public static String sourcePath(String value) {
        return value.startsWith("file:") ? value : "file:" + value;
    }

    /** The error for an import that names no file where one is required. */
    public static ConfigError missing(String object, Property property, String hint) {
        return new ConfigError("01070712", object + " requires " + property.tmshName() + ": " + hint
                + "; files are imported only from " + places() + ".");
    }

    /** The local path {@code value} names, when it is in one of the readable places. */
    private Path place(String object, Property property, String value) throws ConfigError {
        String path;
        if (value.startsWith("file:")) {
            path = value.substring("file:".length());
            while (path.startsWith("//")) {
                path = path.substring(1);
            }
        } else if (property == Property.FROM_LOCAL_FILE) {
            path = value;
        } else {
            throw refused(object, property, value, "only a local file (file:/PATH) can be imported");
        }
        Path normal;
        try {
            normal = Path.of(path).normalize();
        } catch (InvalidPathException e) {
            throw refused(object, property, value, "it is not a file path");
        }
        String text = normal.toString();
        if (!normal.isAbsolute()) {
            throw refused(object, property, value, "it is not an absolute file path");
        }
        if (text.startsWith(UPLOADS) && text.length() > UPLOADS.length()) {
            return uploads.resolve(text.substring(UPLOADS.length()));
        }
        boolean inHostFolder = HOST_FOLDERS.stream().anyMatch(f -> text.startsWith(f) && text.length() > f.length());
        if (!inHostFolder || normal.startsWith(dataDirectory)) {
            throw refused(object, property, value, "files are imported only from " + places());
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

    private static ConfigError unreadable(String object, Property property, String value, IOException e) {
        LOG.warn("Import of {} from {} cannot read the file: {}", object, value, e.toString());
        return refused(object, property, value, e instanceof AccessDeniedException
                ? "the file cannot be read (permission denied)"
                : "the file cannot be read (" + e.getClass().getSimpleName() + ")");
    }

    private static ConfigError refused(String object, Property property, String value, String reason) {
        return new ConfigError("01070712", "Values (" + value + ") specified for " + object + " property "
                + property.tmshName() + ": " + reason + ".");
    }
}
