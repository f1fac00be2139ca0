package io.skygear.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The core module's migration scripts reproduce the original's final core schema, and undo it. */
class CoreSchemaTest {

    static final String DESCRIPTOR = "META-INF/skygear/migrations/core.properties";
    static final String LOCATION = "io/skygear/migrations/core";
    static final String UP = LOCATION + "/up/V1566290052__core_initial_schema.sql";
    static final String DOWN = LOCATION + "/down/U1566290052__core_initial_schema.sql";

    private static Connection connection;
    private static TestSchema tenant;

    @BeforeAll
    static void applyUpScript() throws SQLException {
        connection = TestDatabase.create().dataSource().getConnection();
        tenant = TestSchema.create(connection, "tenant");
        SqlScripts.run(connection, UP);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void descriptorRunsCoreFirstInTheTenantSchema() {
        Properties descriptor = SqlScripts.readProperties(DESCRIPTOR);

        assertThat(descriptor).containsExactlyInAnyOrderEntriesOf(Map.of(
                "module", "core",
                "order", "10",
                "history_table", "_core_version",
                "default_schema", "",
                "location", LOCATION));
    }

    @Test
    void createsOnlyTheUserTable() {
        assertThat(tenant.tables()).containsExactly("_core_user");
        assertThat(tenant.sequences()).isEmpty();
    }

    @Test
    void userTableHasTheOriginalFinalColumns() {
        assertThat(tenant.columns("_core_user")).containsExactly(
                "id text NOT NULL",
                "last_seen_at timestamp without time zone",
                "last_login_at timestamp without time zone",
                "disabled boolean NOT NULL DEFAULT false",
                "disabled_message text",
                "disabled_expiry timestamp without time zone",
                "verified boolean NOT NULL DEFAULT false",
                "verify_info jsonb NOT NULL DEFAULT '{}'::jsonb",
                "app_id text NOT NULL");
    }

    @Test
    void userTableIsKeyedByIdAndIndexedByAppId() {
        assertThat(tenant.constraints("_core_user")).containsExactly("_core_user_pkey: PRIMARY KEY (id)");
        assertThat(tenant.indexes("_core_user")).containsExactly("_core_user_app_id_idx USING btree (app_id)");
    }

    @Test
    void upScriptIsTransactional() throws SQLException {
        TestSchema scratch = TestSchema.create(connection, "rolled_back");
        connection.setAutoCommit(false);
        try {
            SqlScripts.run(connection, UP);
            connection.rollback();
        } finally {
            connection.setAutoCommit(true);
        }

        assertThat(scratch.tables()).isEmpty();
    }

    @Test
    void undoDropsWhatUpCreatedAndNothingElse() throws SQLException {
        TestSchema scratch = TestSchema.create(connection, "undone");
        execute("CREATE TABLE host_notes (id text PRIMARY KEY)");
        SqlScripts.run(connection, UP);

        SqlScripts.run(connection, DOWN);

        assertThat(scratch.tables()).containsExactly("host_notes");
        assertThat(scratch.sequences()).isEmpty();
    }

    private static void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
