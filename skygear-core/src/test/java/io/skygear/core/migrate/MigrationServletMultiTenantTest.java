package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationServletTest.assertAnswer;
import static io.skygear.core.migrate.MigrationServletTest.execute;
import static io.skygear.core.migrate.MigrationServletTest.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /migrate} with {@code config_database}: the command runs for the apps of a config database.
 * Apps: alpha (live, own schema), beta and gamma (live, sharing a schema), delta (suspended), broken
 * (nightly, unusable URL). Tests pick their apps with the filter, so they do not depend on each other.
 */
class MigrationServletMultiTenantTest {

    private static TestDatabase configDb;
    private static TestDatabase tenantDb;
    private static TestServer server;

    @BeforeAll
    static void start() {
        configDb = TestDatabase.create();
        tenantDb = TestDatabase.create();
        // the columns of the gateway's app_config that the multi-tenant run reads
        execute(configDb.dataSource(), """
                CREATE SCHEMA app_config;
                CREATE TABLE app_config.config (id text PRIMARY KEY, config jsonb NOT NULL);
                CREATE TABLE app_config.app (name text PRIMARY KEY, config_id text NOT NULL, auth_version text NOT NULL);
                """);
        String url = "postgres://postgres@localhost:" + tenantDb.port() + "/" + tenantDb.name();
        app("alpha", "live", url, "mt_alpha");
        app("beta", "live", url, "mt_shared");
        app("gamma", "live", url, "mt_shared");
        app("delta", "suspended", url, "mt_delta");
        app("broken", "nightly", "mysql://nowhere/x", "mt_broken");
        server = new TestServer()
                .servlet(MigrationServlet.builder().allowDatabaseUrls(configDb.jdbcUrl()).allowHostnameOverrides("127.0.0.1")
                        .authorizer(request -> true).build(), "/migrate")
                .start();
    }

    private static void app(String name, String authVersion, String databaseUrl, String schema) {
        execute(configDb.dataSource(), """
                INSERT INTO app_config.config VALUES ('%1$s', '{"app_config":{"database_url":"%3$s","database_schema":"%4$s"}}');
                INSERT INTO app_config.app VALUES ('%1$s', '%1$s', '%2$s');
                """.formatted(name, authVersion, databaseUrl, schema));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> migrate(String fields) {
        return server.postJson("/migrate", "{\"migration\":\"core\",\"config_database\":\"" + configDb.jdbcUrl() + "\","
                + fields + "}");
    }

    @Test
    void upMigratesEachSharedSchemaOnceThenHasNoChange() {
        String up = """
                "command":"up","app_filter_key":"auth_version","app_filter_value":"live\"""";
        assertAnswer(migrate(up), 200, "{\"result\":\"3 apps in 2 targets: 2 changed, 0 unchanged\"}");
        assertAnswer(migrate(up), 200, "{\"result\":\"3 apps in 2 targets: 0 changed, 2 unchanged\"}");
        assertThat(tableExists(tenantDb.dataSource(), "mt_alpha._core_user")).isTrue();
        assertThat(tableExists(tenantDb.dataSource(), "mt_shared._core_user")).isTrue();
        assertThat(tableExists(tenantDb.dataSource(), "mt_delta._core_user")).isFalse();
    }

    @Test
    void dryRunOverTheFilteredAppsLeavesNothingBehind() {
        assertAnswer(migrate("""
                "command":"up","dry_run":true,"app_filter_key":"auth_version","app_filter_value":"suspended\""""),
                200, "{\"result\":\"1 apps in 1 targets: 1 changed, 0 unchanged\"}");
        assertThat(tableExists(tenantDb.dataSource(), "mt_delta._core_version")).isFalse();
    }

    @Test
    void anAllowedHostnameOverrideReplacesEveryAppsHost() {
        assertAnswer(migrate("""
                "command":"up","dry_run":true,"app_filter_key":"auth_version","app_filter_value":"suspended",\
                "hostname_override":"127.0.0.1\""""), 200, "{\"result\":\"1 apps in 1 targets: 1 changed, 0 unchanged\"}");
    }

    @Test
    void aHostnameOverrideOutsideTheAllowListIsRefused() {
        assertAnswer(migrate("""
                "command":"up","hostname_override":"db.attacker.example\""""), 400,
                "{\"error\":\"hostname_override not allowed: db.attacker.example\"}");
    }

    @Test
    void aFailedTargetMakesTheRequestA400NamingIt() {
        assertAnswer(migrate("""
                "command":"up","app_filter_key":"auth_version","app_filter_value":"nightly\""""), 400,
                "{\"error\":\"1 of 1 targets failed; first: mysql://nowhere/x schema=mt_broken: invalid database_url: "
                        + "must start with jdbc:postgresql://, postgres:// or postgresql:// (got mysql://nowhere/x)\"}");
    }

    @Test
    void aConfigDatabaseOutsideTheAllowListIsRefused() {
        assertAnswer(server.postJson("/migrate", """
                {"migration":"core","command":"up","config_database":"postgres://localhost:%d/%s"}"""
                .formatted(tenantDb.port(), tenantDb.name())), 400,
                "{\"error\":\"config_database not allowed: jdbc:postgresql://localhost:%d/%s\"}"
                        .formatted(tenantDb.port(), tenantDb.name()));
    }

    @Test
    void databaseAndSchemaDoNotApplyWithAConfigDatabase() {
        assertAnswer(migrate("""
                "command":"up","schema":"app\""""), 400,
                "{\"error\":\"database and schema do not apply with config_database (each app's config names its own)\"}");
    }

    @Test
    void anUnknownFilterColumnIsNamed() {
        HttpResponse<String> response = migrate("""
                "command":"up","app_filter_key":"plan","app_filter_value":"x\"""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"error\":\"invalid app filter column: plan (columns of app_config.app: ");
    }
}
