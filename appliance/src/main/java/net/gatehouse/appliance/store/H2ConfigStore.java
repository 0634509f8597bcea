package net.gatehouse.appliance.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration store in an embedded H2 file ({@code <dir>/config.mv.db}).
 *
 * <p>Durability: each commit is one JDBC transaction, and the database runs with
 * {@code WRITE_DELAY=0}, so H2 writes the commit to the file before {@link #commit} returns. A
 * commit that was acknowledged therefore survives the process being killed ({@code kill -9}): the
 * data is in the operating system's page cache and reaches the disk. H2 does not call fsync on
 * every commit, so after a power loss or kernel crash the last commits before the failure (those
 * the OS had not yet written back) may be lost; the file stays consistent (MVStore keeps the last
 * complete chunk).
 *
 * <p>The directory is locked while open ({@code store.lock}, an operating-system file lock that also
 * holds between appliances in one JVM, where H2 would share the database), so a second appliance
 * cannot open it.
 */
public final class H2ConfigStore implements ConfigStore {

    private static final Logger LOG = LoggerFactory.getLogger(H2ConfigStore.class);

    private final Path file;
    private final FileChannel lockChannel;
    private final Connection connection;
    private long generation;

    private H2ConfigStore(Path file, FileChannel lockChannel, Connection connection, long generation) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.connection = connection;
        this.generation = generation;
    }

    public static H2ConfigStore open(Path directory) {
        Path file = directory.resolve("config.mv.db");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreFailure("configuration store " + file + " cannot be written: " + e, e);
        }
        FileChannel lockChannel = lock(directory, file);
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("config")
                + ";WRITE_DELAY=0;FILE_LOCK=FS;DB_CLOSE_ON_EXIT=FALSE";
        Connection connection = null;
        try {
            connection = DriverManager.getConnection(url, "gatehouse", "");
            connection.setAutoCommit(false);
            Migrations.apply(connection);
            long generation = 0;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COALESCE(MAX(generation), 0) FROM commit_log");
                    ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    generation = rows.getLong(1);
                }
            }
            connection.commit();
            return new H2ConfigStore(file, lockChannel, connection, generation);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            release(lockChannel, e);
            throw failure(file, e);
        }
    }

    private static FileChannel lock(Path directory, Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(directory.resolve("store.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                throw new OverlappingFileLockException();
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            release(channel, e);
            throw new StoreFailure("configuration store " + file + " is locked by another process", e);
        } catch (IOException e) {
            release(channel, e);
            throw new StoreFailure("configuration store " + file + " cannot be written: " + e, e);
        }
    }

    private static void release(FileChannel channel, Exception cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static StoreFailure failure(Path file, SQLException e) {
        int code = e.getErrorCode();
        if (code == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new StoreFailure("configuration store " + file + " is locked by another process", e);
        }
        if (code == ErrorCode.FILE_CORRUPTED_1 || code == ErrorCode.FILE_VERSION_ERROR_1
                || code == ErrorCode.WRONG_USER_OR_PASSWORD) {
            return new StoreFailure("configuration store " + file + " is corrupt: " + firstLine(e), e);
        }
        if (code == ErrorCode.IO_EXCEPTION_1
                || code == ErrorCode.IO_EXCEPTION_2 || code == ErrorCode.FILE_CREATION_FAILED_1
                || code == ErrorCode.DATABASE_IS_READ_ONLY) {
            return new StoreFailure("configuration store " + file + " cannot be written: " + firstLine(e), e);
        }
        return new StoreFailure("configuration store " + file + " cannot be opened: " + firstLine(e), e);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static void closeQuietly(Connection connection, SQLException cause) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
    }

    @Override
    public synchronized long generation() {
        return generation;
    }

    @Override
    public synchronized List<StoredObject> objects() {
        List<StoredObject> objects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT kind, full_path, body, generation FROM objects ORDER BY kind, full_path");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                objects.add(new StoredObject(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
            }
            connection.commit();
            return objects;
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    @Override
    public synchronized void commit(Commit commit) {
        if (commit.generation() != generation + 1) {
            throw new IllegalStateException("commit generation " + commit.generation() + " does not follow "
                    + generation);
        }
        try {
            try (PreparedStatement merge = connection.prepareStatement(
                    "MERGE INTO objects (kind, full_path, body, generation) KEY (kind, full_path) VALUES (?, ?, ?, ?)")) {
                for (StoredObject object : commit.writes()) {
                    merge.setString(1, object.kind());
                    merge.setString(2, object.fullPath());
                    merge.setString(3, object.body());
                    merge.setLong(4, object.generation());
                    merge.addBatch();
                }
                merge.executeBatch();
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM objects WHERE kind = ? AND full_path = ?")) {
                for (Deletion deletion : commit.deletions()) {
                    delete.setString(1, deletion.kind());
                    delete.setString(2, deletion.fullPath());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement log = connection.prepareStatement(
                    "INSERT INTO commit_log (generation, at_millis, principal, origin, changeset, tmsh) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")) {
                log.setLong(1, commit.generation());
                log.setLong(2, commit.epochMillis());
                log.setString(3, commit.principal());
                log.setString(4, commit.origin());
                log.setString(5, commit.changeset());
                log.setString(6, commit.tmsh());
                log.executeUpdate();
            }
            connection.commit();
            generation = commit.generation();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw failure(file, e);
        }
    }

    @Override
    public synchronized List<Commit> log(long fromGeneration, int limit) {
        List<Commit> commits = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT generation, at_millis, principal, origin, changeset, tmsh FROM commit_log "
                        + "WHERE generation >= ? ORDER BY generation LIMIT ?")) {
            query.setLong(1, fromGeneration);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    commits.add(new Commit(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), List.of(), List.of()));
                }
            }
            connection.commit();
            return commits;
        } catch (SQLException e) {
            throw failure(file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(file, e);
        } finally {
            try {
                lockChannel.close();
            } catch (IOException e) {
                LOG.warn("Could not release the lock of configuration store {}", file, e);
            }
        }
    }
}
