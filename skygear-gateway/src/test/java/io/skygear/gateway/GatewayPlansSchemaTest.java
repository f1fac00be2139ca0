package io.skygear.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** Migration 1790001000: plan quotas, plan_gear, app_gear_version and the change notifications; and its undo. */
class GatewayPlansSchemaTest {

    static final String LOCATION = "io/skygear/migrations/gateway";
    static final String INITIAL = LOCATION + "/up/V1563777708__gateway_initial_schema.sql";
    static final String UP = LOCATION + "/up/V1790001000__gateway_plans_gears_notify.sql";
    static final String DOWN = LOCATION + "/down/U1790001000__gateway_plans_gears_notify.sql";

    static TestDatabase database;
    static Connection connection;
    static TestSchema schema;

    @BeforeAll
    static void migrate() throws SQLException {
        database = TestDatabase.create();
        connection = database.dataSource().getConnection();
        schema = TestSchema.create(connection, "app_config");
        SqlScripts.run(connection, INITIAL);
        SqlScripts.run(connection, UP);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void plansCarryNullableQuotas() {
        assertThat(schema.columns("plan")).contains(
                "max_users bigint", "max_asset_bytes bigint", "requests_per_minute bigint");
    }

    @Test
    void gearsPerPlanAndVersionsPerApp() {
        assertThat(schema.tables()).contains("plan_gear", "app_gear_version");
        assertThat(schema.constraints("plan_gear")).contains("plan_gear_pkey: PRIMARY KEY (plan_id, gear)");
        assertThat(schema.constraints("app_gear_version")).contains("app_gear_version_pkey: PRIMARY KEY (app_id, gear)");
    }

    @Test
    void everyWriteToTheConfigTablesNotifiesListeners() throws SQLException {
        try (Connection listener = database.dataSource().getConnection(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN skygear_app_config");
            try (Statement write = connection.createStatement()) {
                write.execute("UPDATE app_config.plan SET name = name");
            }

            PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(10_000);

            assertThat(notifications).isNotEmpty();
            assertThat(notifications[0].getParameter()).isEqualTo("plan");
        }
    }

    @Test
    void undoLeavesTheInitialSchema() throws SQLException {
        TestSchema scratch = TestSchema.create(connection, "undone");
        SqlScripts.run(connection, INITIAL);
        SqlScripts.run(connection, UP);

        SqlScripts.run(connection, DOWN);

        assertThat(scratch.tables()).containsExactly("app", "config", "deployment_hook", "deployment_route", "domain", "plan");
        assertThat(scratch.columns("plan")).hasSize(6);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO app_config");
        }
    }
}
