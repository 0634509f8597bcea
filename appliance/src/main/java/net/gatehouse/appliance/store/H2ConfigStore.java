package net.gatehouse.appliance.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration store in an embedded H2 database file, {@code <directory>/config.mv.db}, reached
 * through one JDBC connection. Tables are generic ({@code objects}, {@code commit_log}, {@code meta},
 * {@code schema_version}); the schema is created and upgraded by {@link Migrations}.
 *
 * <h2>What an acknowledged commit survives</h2>
 *
 * <p><b>A crash of the process</b> ({@code kill -9}, the OOM killer, a JVM crash): survives. The
 * database runs with {@code WRITE_DELAY=0}, which stops H2's background writer; H2 then writes the
 * commit to the file (a new MVStore chunk, with {@code FileChannel.write}) inside
 * {@link Connection#commit()}, so the data is in the operating system before {@link #commit} returns,
 * and the operating system writes it to the disk whether or not the process is still alive.
 * {@code StoreCrashIT} kills a committing process with SIGKILL and checks every acknowledged commit.
 *
 * <p><b>A power loss or kernel crash</b>: H2 itself does not fsync on commit (in H2 2.5.252,
 * {@code FileChannel.force} is reached only from {@code CHECKPOINT SYNC}, not from a commit and not
 * even from closing the database), so with H2 alone the commits the operating system had not yet
 * written back (on Linux, typically up to the last 30 seconds) would be lost. This store therefore runs {@code CHECKPOINT SYNC} after every commit, which calls
 * {@code FileChannel.force(true)} (fsync) before {@link #commit} returns; the directory entry of the
 * file is fsynced once at open. An acknowledged commit then survives a power loss as long as the
 * storage honours flushes (a disk or virtual disk whose volatile write cache ignores flush requests,
 * such as a hypervisor disk with {@code cache=unsafe}, can still lose it). A commit under way when the
 * power fails is lost as a whole: MVStore writes each commit as a new checksummed chunk and opens at
 * the last complete one. The fsync (with the small compaction {@code CHECKPOINT SYNC} does first)
 * costs a few milliseconds per commit, about 3 ms on a development machine. If it fails, {@link #commit}
 * throws {@link StoreFailure}: the commit is in the store (the generation has advanced), but only as
 * safe as against a process crash.
 *
 * <h2>Boot self-test</h2>
 *
 * <p>{@link #open} creates the directory, opens the file with H2's default file lock, applies
 * missing migrations, checks that write delay is off, and writes, commits and fsyncs a row in
 * {@code meta}. Whatever fails becomes a {@link StoreFailure} whose message names the file and says
 * whether it is locked by another process, corrupt or cannot be written.
 *
 * <p>H2's file lock keeps other processes out; inside one JVM, where H2 would share an open
 * database, a {@link DirectoryLock} refuses a second store on the same directory, so no two
 * appliances ever write one store.
 */
public final class H2ConfigStore implements ConfigStore {

    /** The file name of the store inside its directory. */
    public static final String FILE_NAME = "config.mv.db";

    private static final Logger LOG = LoggerFactory.getLogger(H2ConfigStore.class);
    static final String USER = "gatehouse";

    private final Path file;
    private final DirectoryLock lock;
    private final Connection connection;
    private long generation;
    private boolean closed;

    private H2ConfigStore(Path file, DirectoryLock lock, Connection connection) {
        this.file = file;
        this.lock = lock;
        this.connection = connection;
    }

    /**
     * Opens (or creates) the store in {@code directory} and runs its self-test.
     *
     * @throws StoreFailure if the store is locked by another process, corrupt, cannot be written, or
     *     was written by a newer release
     */
    public static H2ConfigStore open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw StoreErrors.notWritable(file, e);
        }
        DirectoryLock lock = DirectoryLock.take(dir, file);
        Connection connection;
        try {
            connection = dataSource(dir).getConnection();
        } catch (SQLException e) {
            StoreFailure failure = StoreErrors.onOpen(file, e);
            release(lock, failure);
            throw failure;
        }
        try {
            H2ConfigStore store = new H2ConfigStore(file, lock, connection);
            store.selfTest();
            syncDirectory(dir);
            LOG.info("Opened configuration store {} at generation {}", file, store.generation);
            return store;
        } catch (SQLException e) {
            StoreFailure failure = StoreErrors.onOpen(file, e);
            closeAfterFailure(connection, failure);
            release(lock, failure);
            throw failure;
        } catch (RuntimeException e) {
            closeAfterFailure(connection, e);
            release(lock, e);
            throw e;
        }
    }

    /** The JDBC URL of the store in {@code directory}: H2's default file lock, no write delay. */
    static String url(Path directory) {
        String base = directory.toAbsolutePath().normalize().resolve("config").toString();
        if (base.contains(";")) {
            throw new IllegalArgumentException("a configuration store directory cannot contain ';': " + directory);
        }
        return "jdbc:h2:file:" + base + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0";
    }

    private static JdbcDataSource dataSource(Path directory) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url(directory));
        source.setUser(USER);
        source.setPassword("");
        return source;
    }

    private void selfTest() throws SQLException {
        connection.setAutoCommit(false);
        Migrations.apply(connection, file);
        requireNoWriteDelay();
        try (PreparedStatement mark = connection.prepareStatement(
                "MERGE INTO meta (name, text_value) KEY (name) VALUES ('last-open', ?)")) {
            mark.setString(1, Long.toString(System.currentTimeMillis()));
            mark.executeUpdate();
        }
        connection.commit();
        sync();
        generation = readGeneration();
    }

    private void requireNoWriteDelay() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            while (rows.next()) {
                if (!"0".equals(rows.getString(1))) {
                    throw new IllegalStateException("configuration store " + file + " runs with WRITE_DELAY "
                            + rows.getString(1) + "; commits would not be durable");
                }
            }
        }
        connection.commit();
    }

    private long readGeneration() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(generation), 0) FROM commit_log")) {
            rows.next();
            long found = rows.getLong(1);
            connection.commit();
            return found;
        }
    }

    /** Forces everything committed to the disk (fsync); see the class comment. */
    private void sync() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    }

    /** Makes the file's directory entry durable (Linux allows fsync on a directory; others may not). */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.warn("Could not sync directory {} (the store file may not survive a power loss right after "
                    + "it was created): {}", dir, e.toString());
        }
    }

    @Override
    public synchronized long generation() {
        requireOpen();
        return generation;
    }

    @Override
    public synchronized List<StoredObject> objects() {
        requireOpen();
        List<StoredObject> objects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT kind, full_path, body, generation FROM objects ORDER BY kind, full_path");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                objects.add(new StoredObject(rows.getString(1), rows.getString(2), rows.getString(3),
                        rows.getLong(4)));
            }
            connection.commit();
            return objects;
        } catch (SQLException e) {
            throw StoreErrors.onRead(file, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Writes are merged first, then deletions applied (deleting an absent object is no error), then
     * the log row added, in one transaction. Every written object is stored with the commit's
     * generation. When this returns, the commit is on the disk (see the class comment).
     *
     * @throws IllegalStateException if the generation is not {@link #generation()} + 1; nothing is written
     * @throws IllegalArgumentException if the database refuses a value (a missing path, a too long
     *     name); the commit is rolled back and the store is unchanged
     * @throws StoreFailure if the store cannot be written; the commit is rolled back, or, if only the
     *     fsync failed, committed but not known to be on the disk
     */
    @Override
    public synchronized void commit(Commit commit) {
        requireOpen();
        if (commit.generation() != generation + 1) {
            throw new IllegalStateException("commit of generation " + commit.generation()
                    + " refused: the configuration store is at generation " + generation + ", so the next commit is "
                    + (generation + 1));
        }
        try {
            write(commit);
            connection.commit();
        } catch (SQLException e) {
            RuntimeException failure = StoreErrors.onCommit(file, commit.generation(), e);
            rollback(failure);
            throw failure;
        }
        generation = commit.generation();
        try {
            sync();
        } catch (SQLException e) {
            throw StoreErrors.onSync(file, commit.generation(), e);
        }
    }

    private void write(Commit commit) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO objects (kind, full_path, body, generation) KEY (kind, full_path) VALUES (?, ?, ?, ?)")) {
            for (StoredObject object : commit.writes()) {
                merge.setString(1, object.kind());
                merge.setString(2, object.fullPath());
                merge.setString(3, object.body());
                merge.setLong(4, commit.generation());
                merge.executeUpdate();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM objects WHERE kind = ? AND full_path = ?")) {
            for (Deletion deletion : commit.deletions()) {
                delete.setString(1, deletion.kind());
                delete.setString(2, deletion.fullPath());
                delete.executeUpdate();
            }
        }
        try (PreparedStatement log = connection.prepareStatement(
                "INSERT INTO commit_log (generation, epoch_millis, principal, origin, changeset, tmsh) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            log.setLong(1, commit.generation());
            log.setLong(2, commit.epochMillis());
            log.setString(3, commit.principal());
            log.setString(4, commit.origin());
            log.setString(5, commit.changeset());
            log.setString(6, commit.tmsh());
            log.executeUpdate();
        }
    }

    private void rollback(RuntimeException failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The returned commits carry no writes or deletions (the log keeps the changeset text, not the
     * object rows).
     */
    @Override
    public synchronized List<Commit> log(long fromGeneration, int limit) {
        requireOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        List<Commit> commits = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT generation, epoch_millis, principal, origin, changeset, tmsh FROM commit_log "
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
            throw StoreErrors.onRead(file, e);
        }
    }

    @Override
    public synchronized void refuse(Refusal refusal) {
        requireOpen();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refusals (epoch_millis, principal, origin, tmsh, status) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, refusal.epochMillis());
            insert.setString(2, refusal.principal());
            insert.setString(3, refusal.origin());
            insert.setString(4, refusal.tmsh());
            insert.setString(5, refusal.status());
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            RuntimeException failure = StoreErrors.onRead(file, e);
            rollback(failure);
            throw failure;
        }
    }

    @Override
    public synchronized List<Refusal> refusals(long fromEpochMillis, int limit) {
        requireOpen();
        List<Refusal> refusals = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT epoch_millis, principal, origin, tmsh, status FROM refusals "
                        + "WHERE epoch_millis >= ? ORDER BY id LIMIT ?")) {
            query.setLong(1, fromEpochMillis);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    refusals.add(new Refusal(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5)));
                }
            }
            connection.commit();
            return refusals;
        } catch (SQLException e) {
            throw StoreErrors.onRead(file, e);
        }
    }

    /** The store's file, {@code <directory>/config.mv.db}. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
            LOG.info("Closed configuration store {} at generation {}", file, generation);
        } catch (SQLException e) {
            throw StoreErrors.onClose(file, e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("Could not release the lock of configuration store {}", file, e);
            }
        }
    }

    private static void release(DirectoryLock lock, Exception failure) {
        try {
            lock.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("configuration store " + file + " is closed");
        }
    }

    private static void closeAfterFailure(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
