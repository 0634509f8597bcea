package net.gatehouse.appliance.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;
import org.h2.api.ErrorCode;

/**
 * Turns H2's and the file system's exceptions into {@link StoreFailure}s whose message an operator can
 * act on: which file, and whether it is locked, corrupt or cannot be written. The original exception
 * stays attached as the cause, for the log.
 */
final class StoreErrors {

    private static final Set<Integer> LOCKED = Set.of(ErrorCode.DATABASE_ALREADY_OPEN_1);

    private static final Set<Integer> CORRUPT = Set.of(ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1,
            ErrorCode.FILE_ENCRYPTION_ERROR_1);

    private static final Set<Integer> NOT_WRITABLE = Set.of(ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2,
            ErrorCode.FILE_CREATION_FAILED_1, ErrorCode.FILE_RENAME_FAILED_2, ErrorCode.FILE_DELETE_FAILED_1,
            ErrorCode.FILE_NOT_FOUND_1, ErrorCode.DATABASE_IS_READ_ONLY);

    private StoreErrors() {
    }

    /** Opening the store, or its boot self-test, failed. */
    static StoreFailure onOpen(Path file, SQLException e) {
        return classified(file, e, "cannot be opened");
    }

    /** The directory of the store could not be created or used. */
    static StoreFailure notWritable(Path file, IOException e) {
        return new StoreFailure(subject(file) + " cannot be written: " + describe(e), e);
    }

    /**
     * A commit failed and was rolled back. A commit the database refuses (a missing or too long value)
     * is the caller's error and becomes an {@link IllegalArgumentException}; anything else means the
     * store cannot be used.
     */
    static RuntimeException onCommit(Path file, long generation, SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
            return new IllegalArgumentException("commit of generation " + generation
                    + " was refused by the configuration store: " + reason(file, e), e);
        }
        return classified(file, e, "could not commit generation " + generation);
    }

    /** Reading objects or the log failed. */
    static StoreFailure onRead(Path file, SQLException e) {
        return classified(file, e, "cannot be read");
    }

    /** The commit is in the store, but forcing it to the disk failed. */
    static StoreFailure onSync(Path file, long generation, SQLException e) {
        return new StoreFailure(subject(file) + " cannot be written: generation " + generation
                + " was committed but could not be forced to the disk (" + reason(file, e)
                + "); it survives a process crash, a power loss may lose it", e);
    }

    /** Closing the store failed. */
    static StoreFailure onClose(Path file, SQLException e) {
        return classified(file, e, "could not be closed cleanly");
    }

    private static StoreFailure classified(Path file, SQLException e, String otherwise) {
        int code = e.getErrorCode();
        if (LOCKED.contains(code)) {
            return new StoreFailure(subject(file) + " is locked by another process", e);
        }
        if (CORRUPT.contains(code)) {
            return new StoreFailure(subject(file) + " is corrupt: " + reason(file, e), e);
        }
        if (NOT_WRITABLE.contains(code)) {
            return new StoreFailure(subject(file) + " cannot be written: " + reason(file, e), e);
        }
        return new StoreFailure(subject(file) + " " + otherwise + ": " + reason(file, e), e);
    }

    private static String subject(Path file) {
        return "configuration store " + file;
    }

    /**
     * The most specific message in the cause chain, on one line, without H2's version suffix
     * ({@code [90030-252]}) and without repeating the file name the subject already gives.
     */
    static String reason(Path file, Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                message = describe(io);
            } else if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        String name = file.toString();
        String line = message.lines().findFirst().orElse(message)
                .replaceAll("\\s*\\[[^\\]]*\\]\\s*$", "")
                .replace(": \"" + name + "\"", "")
                .replace(": " + name, "")
                .replace(" \"" + name + "\"", "")
                .strip();
        return line.isEmpty() ? e.getClass().getSimpleName() : line;
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is in the way (it exists and is not a directory)";
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getFile() + ": " + fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
