package io.skygear.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The asset module's migration: {@code _asset_object} with its keys and checks, and its undo. */
class AssetSchemaTest {

    static final String DESCRIPTOR = "META-INF/skygear/migrations/asset.properties";
    static final String LOCATION = "io/skygear/migrations/asset";
    static final String UP = LOCATION + "/up/V1790002000__asset_objects.sql";
    static final String DOWN = LOCATION + "/down/U1790002000__asset_objects.sql";

    private static Connection connection;
    private static TestSchema schema;

    @BeforeAll
    static void applyUpScript() throws SQLException {
        connection = TestDatabase.create().dataSource().getConnection();
        schema = TestSchema.create(connection, "assets");
        SqlScripts.run(connection, UP);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void descriptorRunsInTheTenantSchemaAfterAuth() {
        Properties descriptor = SqlScripts.readProperties(DESCRIPTOR);

        assertThat(descriptor).containsAllEntriesOf(Map.of(
                "module", "asset",
                "order", "30",
                "history_table", "_asset_version",
                "default_schema", "",
                "location", LOCATION));
    }

    @Test
    void objectTableIsKeyedByAppAndName() {
        assertThat(schema.tables()).containsExactly("_asset_object");
        assertThat(schema.columns("_asset_object")).containsExactly(
                "app_id text NOT NULL",
                "name text NOT NULL",
                "size bigint NOT NULL",
                "content_type text NOT NULL",
                "access text NOT NULL",
                "state text NOT NULL",
                "owner_id text",
                "created_at timestamp without time zone NOT NULL",
                "expires_at timestamp without time zone");
        assertThat(schema.constraints("_asset_object")).contains("_asset_object_pkey: PRIMARY KEY (app_id, name)");
    }

    @Test
    void sameNameTwiceInOneAppIsRefusedButNotAcrossApps() throws SQLException {
        insert("app-1", "a.png", 1, "stored");
        insert("app-2", "a.png", 1, "stored");

        assertThatThrownBy(() -> insert("app-1", "a.png", 1, "pending"))
                .isInstanceOf(SQLException.class).hasMessageContaining("_asset_object_pkey");
    }

    @Test
    void negativeSizesAndUnknownStatesAreRefused() {
        assertThatThrownBy(() -> insert("app-1", "neg", -1, "stored")).hasMessageContaining("_asset_object_size_check");
        assertThatThrownBy(() -> insert("app-1", "odd", 1, "odd")).hasMessageContaining("_asset_object_state_check");
    }

    @Test
    void undoDropsWhatUpCreatedAndNothingElse() throws SQLException {
        TestSchema scratch = TestSchema.create(connection, "undone");
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE host_notes (id text PRIMARY KEY)");
        }
        SqlScripts.run(connection, UP);

        SqlScripts.run(connection, DOWN);

        assertThat(scratch.tables()).containsExactly("host_notes");
    }

    private static void insert(String appId, String name, long size, String state) throws SQLException {
        try (var statement = connection.prepareStatement("""
                INSERT INTO assets._asset_object (app_id, name, size, content_type, access, state, created_at)
                VALUES (?, ?, ?, 'image/png', 'public', ?, now())""")) {
            statement.setString(1, appId);
            statement.setString(2, name);
            statement.setLong(3, size);
            statement.setString(4, state);
            statement.executeUpdate();
        }
    }
}
