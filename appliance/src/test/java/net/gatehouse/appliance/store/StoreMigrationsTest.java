package net.gatehouse.appliance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema is created once, upgraded in order, and a newer schema is not guessed at. */
class StoreMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void aNewStoreIsCreatedAtTheLatestSchemaVersion() throws Exception {
        H2ConfigStore.open(dir).close();

        assertThat(query("SELECT version, script FROM schema_version ORDER BY version"))
                .containsExactly("1 V1__initial.sql", "2 V2__refusals.sql");
        assertThat(Migrations.latestVersion()).isEqualTo(Migrations.SCRIPTS.size());
    }

    @Test
    void reopeningAStoreAppliesNoMigrationTwice() throws Exception {
        H2ConfigStore.open(dir).close();
        H2ConfigStore.open(dir).close();

        assertThat(query("SELECT version FROM schema_version ORDER BY version")).containsExactly("1", "2");
    }

    @Test
    void aStoreWrittenAtVersionOneGainsTheRefusalTableAndKeepsItsCommits() throws Exception {
        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.commit(new ConfigStore.Commit(1, 1000, "admin", "TMSH", "[]", "create ltm pool /Common/p\n",
                    List.of(new ConfigStore.StoredObject("ltm pool", "/Common/p", "{}", 1)), List.of()));
        }
        execute("DROP TABLE refusals");
        execute("DELETE FROM schema_version WHERE version = 2");

        try (H2ConfigStore store = H2ConfigStore.open(dir)) {
            store.refuse(new ConfigStore.Refusal(2000, "guest1", "REST", "delete ltm pool /Common/p\n", "denied"));

            assertThat(store.log(1, 10)).extracting(ConfigStore.Commit::tmsh).containsExactly("create ltm pool /Common/p\n");
            assertThat(store.refusals(0, 10)).extracting(ConfigStore.Refusal::principal).containsExactly("guest1");
        }
        assertThat(query("SELECT version FROM schema_version ORDER BY version")).containsExactly("1", "2");
    }

    @Test
    void aStoreWrittenByANewerReleaseIsRefused() throws Exception {
        H2ConfigStore.open(dir).close();
        execute("INSERT INTO schema_version (version, script, applied_epoch_millis) VALUES (3, 'V3__future.sql', 0)");

        assertThatThrownBy(() -> H2ConfigStore.open(dir))
                .isInstanceOf(StoreFailure.class)
                .hasMessage("configuration store " + dir.resolve("config.mv.db")
                        + " has schema version 3, newer than this software knows (2); it was written by a newer release");
    }

    @Test
    void everyListedScriptIsNamedForItsVersion() {
        for (int i = 0; i < Migrations.SCRIPTS.size(); i++) {
            assertThat(Migrations.SCRIPTS.get(i)).matches("V" + (i + 1) + "__[a-z0-9_]+\\.sql");
            assertThat(Migrations.class.getResource("/db/" + Migrations.SCRIPTS.get(i))).isNotNull();
        }
    }

    @Test
    void scriptsAreSplitAtASemicolonEndingALineAndCommentsAreDropped() {
        assertThat(Migrations.statements("-- a comment; not a statement\nCREATE TABLE a (x INT);\n"
                + "INSERT INTO a VALUES (1);  \r\nINSERT INTO b VALUES ('x;y');"))
                .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES (1)", "INSERT INTO b VALUES ('x;y')");
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(c > 1 ? " " : "").append(result.getString(c));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(H2ConfigStore.url(dir), H2ConfigStore.USER, "");
    }
}
