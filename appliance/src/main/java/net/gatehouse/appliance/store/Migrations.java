package net.gatehouse.appliance.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations of the store. Each version is a resource {@code db/V<n>__<what>.sql}
 * listed in {@link #VERSIONS}; missing versions are applied in order, each in one transaction, and
 * recorded in {@code schema_version}. To change the tables, add {@code V2__...sql} and list it.
 */
final class Migrations {

    static final List<String> VERSIONS = List.of("V1__initial.sql");

    private Migrations() {
    }

    static void apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200))");
        }
        int current = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            if (rows.next()) {
                current = rows.getInt(1);
            }
        }
        for (int version = current + 1; version <= VERSIONS.size(); version++) {
            String script = VERSIONS.get(version - 1);
            try (Statement statement = connection.createStatement()) {
                for (String sql : read(script).split(";")) {
                    if (!sql.isBlank()) {
                        statement.execute(sql);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script) VALUES (?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, script);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + script)) {
            if (in == null) {
                throw new IllegalStateException("migration " + script + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }
}
