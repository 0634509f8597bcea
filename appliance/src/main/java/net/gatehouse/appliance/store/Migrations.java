package net.gatehouse.appliance.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations of the configuration store.
 *
 * <p>Version {@code n} of the schema is the SQL resource {@code db/V<n>__<what>.sql}, listed as the
 * {@code n}-th entry of {@link #SCRIPTS}. At open, every version above the one recorded in the
 * {@code schema_version} table is applied in order: its statements and its {@code schema_version}
 * row in one transaction, committed before the next version starts. A store whose schema is newer
 * than this build knows is refused rather than guessed at.
 *
 * <p><b>Adding version 2</b>: write {@code src/main/resources/db/V2__<what>.sql} (for example
 * {@code V2__object_labels.sql}), add its file name to the end of {@link #SCRIPTS}, and add a test
 * that opens a store written at version 1 and reads it back. Never edit a script that has shipped:
 * stores in the field have already recorded it. Scripts are split into statements at a {@code ;}
 * that ends a line, and lines starting with {@code --} are comments, so keep a {@code ;} inside a
 * string literal off the end of a line. H2 commits each DDL statement at once (DDL cannot be rolled
 * back there), so write DDL that can run again ({@code CREATE TABLE IF NOT EXISTS}, {@code ALTER
 * TABLE ... ADD COLUMN IF NOT EXISTS}): a migration interrupted by a crash before its
 * {@code schema_version} row was committed is then simply applied again at the next open.
 */
final class Migrations {

    /** The migration scripts, in version order: entry {@code n - 1} is {@code V<n>__<what>.sql}. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__refusals.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    private Migrations() {
    }

    /** The schema version this build writes. */
    static int latestVersion() {
        return SCRIPTS.size();
    }

    /**
     * Brings the schema up to {@link #latestVersion()}.
     *
     * @throws StoreFailure if the store was written by a newer build
     */
    static void apply(Connection connection, Path file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INT PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_epoch_millis BIGINT NOT NULL)");
        }
        int found = currentVersion(connection);
        if (found > latestVersion()) {
            throw new StoreFailure("configuration store " + file + " has schema version " + found
                    + ", newer than this software knows (" + latestVersion() + "); it was written by a newer release",
                    null);
        }
        for (int version = found + 1; version <= latestVersion(); version++) {
            applyVersion(connection, version, file);
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            int version = rows.getInt(1);
            connection.commit();
            return version;
        }
    }

    private static void applyVersion(Connection connection, int version, Path file) throws SQLException {
        String script = SCRIPTS.get(version - 1);
        if (!script.startsWith("V" + version + "__") || !script.endsWith(".sql")) {
            throw new IllegalStateException("migration " + script + " is listed as version " + version);
        }
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(read(script))) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_epoch_millis) VALUES (?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, script);
                insert.setLong(3, System.currentTimeMillis());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        LOG.info("Configuration store {} migrated to schema version {} ({})", file, version, script);
    }

    /** The statements of a script: comment lines dropped, split at a {@code ;} that ends a line. */
    static List<String> statements(String script) {
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : STATEMENT_END.split(code)) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration db/" + script + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration db/" + script, e);
        }
    }
}
