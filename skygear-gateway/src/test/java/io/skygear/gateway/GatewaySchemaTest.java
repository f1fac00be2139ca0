package io.skygear.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway module's migration scripts reproduce the original's final app_config schema, and undo it. */
class GatewaySchemaTest {

    static final String DESCRIPTOR = "META-INF/skygear/migrations/gateway.properties";
    static final String LOCATION = "io/skygear/migrations/gateway";
    static final String UP = LOCATION + "/up/V1563777708__gateway_initial_schema.sql";
    static final String DOWN = LOCATION + "/down/U1563777708__gateway_initial_schema.sql";
    static final String DEFAULT_PLAN = "851fe550-e9d5-4d40-9ee1-2fd1e5f70ec7";

    private static Connection connection;
    private static TestSchema appConfig;

    @BeforeAll
    static void applyUpScript() throws SQLException {
        connection = TestDatabase.create().dataSource().getConnection();
        appConfig = TestSchema.create(connection, "app_config");
        SqlScripts.run(connection, UP);
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void descriptorRunsGatewayLastInTheAppConfigSchema() {
        Properties descriptor = SqlScripts.readProperties(DESCRIPTOR);

        assertThat(descriptor).containsExactlyInAnyOrderEntriesOf(Map.of(
                "module", "gateway",
                "order", "40",
                "history_table", "_gateway_version",
                "default_schema", "app_config",
                "location", LOCATION));
    }

    @Test
    void createsTheConfigTables() {
        assertThat(appConfig.tables()).containsExactly(
                "app", "config", "deployment_hook", "deployment_route", "domain", "plan");
        assertThat(appConfig.sequences()).isEmpty();
    }

    @Test
    void planGatesAuthAndOneIsTheDefault() {
        assertThat(appConfig.columns("plan")).containsExactly(
                "id uuid NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "updated_at timestamp without time zone NOT NULL",
                "name text NOT NULL",
                "auth_enabled boolean NOT NULL DEFAULT false",
                "is_default boolean NOT NULL DEFAULT false");
        assertThat(appConfig.constraints("plan")).containsExactly("plan_pkey: PRIMARY KEY (id)");
    }

    @Test
    void seedsTheDefaultPlanWithAuthEnabled() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT id, name, auth_enabled, is_default FROM app_config.plan")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getObject("id", UUID.class)).isEqualTo(UUID.fromString(DEFAULT_PLAN));
            assertThat(row.getString("name")).isEqualTo("default");
            assertThat(row.getBoolean("auth_enabled")).isTrue();
            assertThat(row.getBoolean("is_default")).isTrue();
            assertThat(row.next()).as("only one seeded plan").isFalse();
        }
    }

    @Test
    void seedRowIsStampedInUtcWhateverTheSessionTimeZone() throws SQLException {
        TestSchema.create(connection, "far_east");
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL TimeZone TO 'Pacific/Kiritimati'");
            SqlScripts.run(connection, UP);

            // now() is fixed for the transaction, so the stamp must equal its UTC reading exactly
            try (ResultSet row = statement.executeQuery("""
                    SELECT created_at = timezone('UTC', now()) AND updated_at = created_at
                    FROM far_east.plan""")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).isTrue();
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    @Test
    void configKeepsTheTenantConfigurationAndTheLegacyOne() {
        assertThat(appConfig.columns("config")).containsExactly(
                "id uuid NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "updated_at timestamp without time zone NOT NULL",
                "config jsonb NOT NULL",
                "app_id uuid NOT NULL",
                "config_old jsonb NOT NULL DEFAULT '{}'::jsonb");
        assertThat(appConfig.constraints("config")).containsExactly("config_pkey: PRIMARY KEY (id)");
    }

    @Test
    void appHasAUniqueNameAPlanAndAConfig() {
        assertThat(appConfig.columns("app")).containsExactly(
                "id uuid NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "updated_at timestamp without time zone NOT NULL",
                "name text NOT NULL",
                "plan_id uuid NOT NULL",
                "config_id uuid NOT NULL",
                "auth_version text NOT NULL");
        assertThat(appConfig.constraints("app")).containsExactly(
                "app_config_id_fkey: FOREIGN KEY (config_id) REFERENCES config(id)",
                "app_name_key: UNIQUE (name)",
                "app_pkey: PRIMARY KEY (id)",
                "app_plan_id_fkey: FOREIGN KEY (plan_id) REFERENCES plan(id)");
    }

    @Test
    void domainResolvesToExactlyOneApp() {
        assertThat(appConfig.columns("domain")).containsExactly(
                "id uuid NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "updated_at timestamp without time zone NOT NULL",
                "domain text NOT NULL",
                "app_id uuid NOT NULL");
        assertThat(appConfig.constraints("domain")).containsExactly(
                "domain_app_id_fkey: FOREIGN KEY (app_id) REFERENCES app(id)",
                "domain_domain_key: UNIQUE (domain)",
                "domain_pkey: PRIMARY KEY (id)");
    }

    @Test
    void sameDomainCannotServeTwoApps() throws SQLException {
        UUID first = insertApp("first");
        UUID second = insertApp("second");
        insertDomain("myapp.example.com", first);

        assertThatThrownBy(() -> insertDomain("myapp.example.com", second))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("domain_domain_key");
    }

    @Test
    void deploymentRoutesAndHooksBelongToAnApp() {
        assertThat(appConfig.columns("deployment_route")).containsExactly(
                "id uuid NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "deployment_version text NOT NULL",
                "path text NOT NULL",
                "app_id uuid NOT NULL",
                "type text NOT NULL",
                "type_config jsonb NOT NULL DEFAULT '{}'::jsonb",
                "is_last_deployment boolean NOT NULL DEFAULT false");
        assertThat(appConfig.constraints("deployment_route")).containsExactly(
                "deployment_route_app_id_fkey: FOREIGN KEY (app_id) REFERENCES app(id)",
                "deployment_route_pkey: PRIMARY KEY (id)");

        assertThat(appConfig.columns("deployment_hook")).containsExactly(
                "id uuid NOT NULL",
                "created_at timestamp without time zone NOT NULL",
                "deployment_version text NOT NULL",
                "hooks jsonb NOT NULL",
                "app_id uuid NOT NULL",
                "is_last_deployment boolean NOT NULL DEFAULT false");
        assertThat(appConfig.constraints("deployment_hook")).containsExactly(
                "deployment_hook_app_id_fkey: FOREIGN KEY (app_id) REFERENCES app(id)",
                "deployment_hook_pkey: PRIMARY KEY (id)");
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
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE host_notes (id text PRIMARY KEY)");
        }
        SqlScripts.run(connection, UP);

        SqlScripts.run(connection, DOWN);

        assertThat(scratch.tables()).containsExactly("host_notes");
        assertThat(scratch.sequences()).isEmpty();
    }

    private static UUID insertApp(String name) throws SQLException {
        UUID configId = UUID.randomUUID();
        UUID appId = UUID.randomUUID();
        update("""
                INSERT INTO app_config.config (id, created_at, updated_at, config, app_id)
                VALUES (?, now(), now(), '{}', ?)""", configId, appId);
        update("""
                INSERT INTO app_config.app (id, created_at, updated_at, name, plan_id, config_id, auth_version)
                VALUES (?, now(), now(), ?, ?, ?, 'live')""", appId, name, UUID.fromString(DEFAULT_PLAN), configId);
        return appId;
    }

    private static void insertDomain(String domain, UUID appId) throws SQLException {
        update("""
                INSERT INTO app_config.domain (id, created_at, updated_at, domain, app_id)
                VALUES (?, now(), now(), ?, ?)""", UUID.randomUUID(), domain, appId);
    }

    private static void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
