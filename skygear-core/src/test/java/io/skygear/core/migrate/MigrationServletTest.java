package io.skygear.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code /migrate} through real Jetty against real PostgreSQL: commands, bad requests, access. */
class MigrationServletTest {

    static final String MASTER_KEY = "migrate-Master-7c1e";
    static final String API_KEY = "migrate-api-key-2b9d";
    static final String OPS_TOKEN = "ops-token-5d0a";
    static final String KEY = "X-Skygear-API-Key";

    private static TestDatabase defaultDb;
    private static TestDatabase otherDb;
    private static Database database;
    private static TestServer server;
    /** The versions core ships (they grow as it evolves), read from a fresh schema. */
    private static List<String> coreVersions;
    private static String coreVersion;

    @BeforeAll
    static void start() {
        defaultDb = TestDatabase.create();
        otherDb = TestDatabase.create();
        database = Database.builder().jdbcUrl(defaultDb.jdbcUrl()).schema("app").maximumPoolSize(2).build();
        coreVersions = Migrations.configure().database(database).schema("probe").load().status().module("core").pending();
        coreVersion = coreVersions.getLast();
        TenantConfig tenant = TenantConfig.parseYaml("""
                version: "1"
                app_id: migrate-test-app
                app_name: migratetest
                app_config:
                  database_url: %s
                  database_schema: app
                user_config:
                  master_key: %s
                  clients:
                    - id: web-app
                      name: Web
                      api_key: %s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: authn-secret
                  hook:
                    secret: hook-secret
                  asset:
                    secret: asset-secret
                """.formatted(defaultDb.jdbcUrl(), MASTER_KEY, API_KEY));
        server = new TestServer()
                .filter(new TenantFilter(StandaloneTenantResolver.of(tenant)), "/*")
                .filter(new AccessKeyFilter(), "/*")
                .servlet(MigrationServlet.builder().database(database)
                        .allowDatabaseUrls(otherPostgresUrl()).build(), "/migrate")
                .servlet(MigrationServlet.builder().dataSource(defaultDb.dataSource()).build(), "/datasource/migrate")
                .servlet(MigrationServlet.builder().allowDatabaseUrls(otherDb.jdbcUrl()).build(), "/nodefault/migrate")
                .servlet(MigrationServlet.builder().database(database)
                        .authorizer(r -> OPS_TOKEN.equals(r.getHeader("X-Ops-Token"))).build(), "/ops/migrate")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    /** The other database as the original wrote URLs: postgres://user@host:port/db. */
    static String otherPostgresUrl() {
        return "postgres://postgres@localhost:" + otherDb.port() + "/" + otherDb.name();
    }

    static HttpResponse<String> migrate(String json) {
        return post("/migrate", json);
    }

    static HttpResponse<String> post(String path, String json) {
        return server.postJson(path, json, KEY, MASTER_KEY);
    }

    static void assertAnswer(HttpResponse<String> response, int status, String body) {
        assertThat(response.body()).isEqualTo(body + "\n");
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean tableExists(DataSource dataSource, String qualifiedName) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT to_regclass('" + qualifiedName + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    class Commands {

        @Test
        void versionOfAFreshSchemaIsNoMigration() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"fresh","command":"version"}"""), 400, "{\"error\":\"no migration\"}");
        }

        @Test
        void upAppliesThenReportsNoChangeAndVersionIsTheLatest() {
            String up = """
                    {"migration":"core","schema":"cmd_up","command":"up"}""";
            assertAnswer(migrate(up), 200, "{\"result\":\"ok\"}");
            assertAnswer(migrate(up), 200, "{\"result\":\"no change\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_up","command":"version"}"""), 200,
                    "{\"result\":\"" + coreVersion + "\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_up._core_version")).isTrue();
            assertThat(tableExists(defaultDb.dataSource(), "cmd_up._core_user")).isTrue();
        }

        @Test
        void upAndDownByStepsAcceptAStringOrIntegerArgument() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_steps","command":"up","command_arg":"1"}"""), 200,
                    "{\"result\":\"ok\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_steps","command":"down","command_arg":1}"""), 200,
                    "{\"result\":\"ok\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_steps._core_user")).isFalse();
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_steps","command":"version"}"""), 400, "{\"error\":\"no migration\"}");
        }

        @Test
        void downWithoutArgumentUndoesEverything() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_down_all","command":"up"}"""), 200, "{\"result\":\"ok\"}");
            String down = """
                    {"migration":"core","schema":"cmd_down_all","command":"down"}""";
            assertAnswer(migrate(down), 200, "{\"result\":\"ok\"}");
            assertAnswer(migrate(down), 200, "{\"result\":\"no change\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_down_all._core_user")).isFalse();
        }

        @Test
        void moreStepsThanAvailableIsLimitShort() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_short","command":"up","command_arg":"%d"}"""
                    .formatted(coreVersions.size() + 2)), 400, "{\"error\":\"limit 2 short\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_short._core_user")).isFalse();
        }

        @Test
        void forceSetsTheVersionWithoutRunningScriptsAndMinusOneClearsIt() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_force","command":"force","command_arg":"%s"}"""
                    .formatted(coreVersion)), 200, "{\"result\":\"ok\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_force","command":"version"}"""), 200,
                    "{\"result\":\"" + coreVersion + "\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_force._core_user")).isFalse();
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_force","command":"force","command_arg":-1}"""), 200,
                    "{\"result\":\"ok\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_force","command":"version"}"""), 400, "{\"error\":\"no migration\"}");
        }

        @Test
        void dryRunReportsOkButLeavesNothingBehind() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_dry","command":"up","dry_run":true}"""), 200,
                    "{\"result\":\"ok\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_dry","command":"version","dry_run":false}"""), 400,
                    "{\"error\":\"no migration\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_dry._core_version")).isFalse();
        }

        @Test
        void aFailingScriptIsA400AndNothingIsKept() {
            // core's first script creates _core_user, which this schema already has
            execute(defaultDb.dataSource(), "CREATE SCHEMA cmd_fail; CREATE TABLE cmd_fail._core_user (id text)");
            HttpResponse<String> response = migrate("""
                    {"migration":"core","schema":"cmd_fail","command":"up"}""");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("{\"error\":\"core in schema cmd_fail: ").contains("_core_user");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"cmd_fail","command":"version"}"""), 400, "{\"error\":\"no migration\"}");
        }

        @Test
        void schemaDefaultsToTheDefaultDatabasesSchema() {
            assertAnswer(migrate("""
                    {"migration":"core","command":"up","dry_run":true}"""), 200, "{\"result\":\"ok\"}");
        }

        @Test
        void aHostDataSourceNeedsTheSchemaInTheRequest() {
            assertAnswer(post("/datasource/migrate", """
                    {"migration":"core","command":"up"}"""), 400, "{\"error\":\"missing schema\"}");
            assertAnswer(post("/datasource/migrate", """
                    {"migration":"core","schema":"cmd_host_ds","command":"up"}"""), 200, "{\"result\":\"ok\"}");
            assertThat(tableExists(defaultDb.dataSource(), "cmd_host_ds._core_user")).isTrue();
        }
    }

    @Nested
    class DatabaseUrls {

        @Test
        void anAllowedUrlIsMigrated() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"url_allowed","database":"%s","command":"up"}"""
                    .formatted(otherPostgresUrl())), 200, "{\"result\":\"ok\"}");
            assertThat(tableExists(otherDb.dataSource(), "url_allowed._core_user")).isTrue();
            assertThat(tableExists(defaultDb.dataSource(), "url_allowed._core_user")).isFalse();
        }

        @Test
        void aUrlOutsideTheAllowListIsRefusedWithoutEchoingCredentials() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","database":"postgres://admin:s3cret@evil.example:5432/db","command":"up"}"""),
                    400, "{\"error\":\"database not allowed: jdbc:postgresql://evil.example:5432/db\"}");
            // same database, other credentials: not the allowed URL
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","database":"postgres://intruder@localhost:%d/%s","command":"up"}"""
                    .formatted(otherDb.port(), otherDb.name())), 400,
                    "{\"error\":\"database not allowed: jdbc:postgresql://localhost:%d/%s\"}"
                            .formatted(otherDb.port(), otherDb.name()));
        }

        @Test
        void withoutAnAllowListOnlyTheDefaultDatabaseIsReachable() {
            assertAnswer(post("/datasource/migrate", """
                    {"migration":"core","schema":"x","database":"%s","command":"up"}""".formatted(otherPostgresUrl())),
                    400, "{\"error\":\"database not allowed: jdbc:postgresql://localhost:%d/%s\"}"
                            .formatted(otherDb.port(), otherDb.name()));
        }

        @Test
        void withoutADefaultDatabaseTheRequestMustNameOne() {
            assertAnswer(post("/nodefault/migrate", """
                    {"migration":"core","schema":"x","command":"up"}"""), 400, "{\"error\":\"missing db url\"}");
            assertAnswer(post("/nodefault/migrate", """
                    {"migration":"core","schema":"url_jdbc","database":"%s","command":"up"}"""
                    .formatted(otherDb.jdbcUrl())), 200, "{\"result\":\"ok\"}");
            assertThat(tableExists(otherDb.dataSource(), "url_jdbc._core_user")).isTrue();
        }

        @Test
        void aMalformedUrlIsA400() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","database":"mysql://db/x","command":"up"}"""), 400,
                    "{\"error\":\"invalid database: must start with jdbc:postgresql://, postgres:// or postgresql:// "
                            + "(got mysql://db/x)\"}");
        }
    }

    @Nested
    class BadRequests {

        @Test
        void unknownOrMissingMigrationIsNamed() {
            assertAnswer(migrate("""
                    {"migration":"nope","schema":"x","command":"up"}"""), 400, "{\"error\":\"unknown migration: nope\"}");
            assertAnswer(migrate("""
                    {"schema":"x","command":"up"}"""), 400, "{\"error\":\"unknown migration: \"}");
        }

        @Test
        void unknownOrMissingCommandIsUndefined() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"frobnicate"}"""), 400, "{\"error\":\"undefined command\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x"}"""), 400, "{\"error\":\"undefined command\"}");
        }

        @Test
        void badArgumentsAreInvalidStepOrVersion() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"up","command_arg":"abc"}"""), 400,
                    "{\"error\":\"invalid step\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"down","command_arg":-2}"""), 400,
                    "{\"error\":\"invalid step\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"force","command_arg":"v1"}"""), 400,
                    "{\"error\":\"invalid version\"}");
        }

        @Test
        void malformedJsonIsInvalidRequestBody() {
            assertAnswer(migrate("{\"migration\":"), 400, "{\"error\":\"invalid request body\"}");
            assertAnswer(migrate("[\"core\"]"), 400, "{\"error\":\"invalid request body: expected a JSON object\"}");
        }

        @Test
        void wrongTypesAreNamed() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"up","dry_run":"yes"}"""), 400,
                    "{\"error\":\"dry_run must be a boolean\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"up","command_arg":1.5}"""), 400,
                    "{\"error\":\"command_arg must be a string or an integer\"}");
            assertAnswer(migrate("""
                    {"migration":["core"],"schema":"x","command":"up"}"""), 400,
                    "{\"error\":\"migration must be a string\"}");
            assertAnswer(migrate("""
                    {"migration":"core","schema":7,"command":"up"}"""), 400, "{\"error\":\"schema must be a string\"}");
        }

        @Test
        void anUnknownFieldIsRefusedSoATypoCannotSkipADryRun() {
            HttpResponse<String> response = migrate("""
                    {"migration":"core","schema":"typo","command":"up","dryrun":true}""");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("{\"error\":\"unknown field: dryrun (expected migration, schema, ");
            assertThat(tableExists(defaultDb.dataSource(), "typo._core_version")).isFalse();
        }

        @Test
        void multiTenantFieldsNeedAConfigDatabase() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","command":"up","app_filter_key":"auth_version"}"""), 400,
                    "{\"error\":\"app_filter_key, app_filter_value and hostname_override apply only with config_database\"}");
        }

        @Test
        void nullCountsAsAbsent() {
            assertAnswer(migrate("""
                    {"migration":"core","schema":"x","database":null,"dry_run":null,"command":"frobnicate"}"""), 400,
                    "{\"error\":\"undefined command\"}");
        }

        @Test
        void otherContentTypesAreRefused() {
            HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/migrate"))
                    .header("Content-Type", "text/plain").header(KEY, MASTER_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"migration\":\"core\"}")).build());
            assertAnswer(response, 400, "{\"error\":\"request content type is invalid\"}");
        }

        @Test
        void aBodyOverTheLimitIsRefused() {
            String padding = " ".repeat(MigrationServlet.MAX_BODY_BYTES);
            assertAnswer(migrate("{\"migration\":\"core\"}" + padding), 400,
                    "{\"error\":\"request body is too large (limit: 65536 bytes)\"}");
        }

        @Test
        void onlyPostIsAccepted() {
            HttpResponse<String> response = server.get("/migrate", KEY, MASTER_KEY);
            assertAnswer(response, 405, "{\"error\":\"method not allowed\"}");
            assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        }
    }

    @Nested
    class Access {

        @Test
        void withoutAKeyTheMasterKeyIsRequired() {
            assertAnswer(server.postJson("/migrate", """
                    {"migration":"core","schema":"acc_none","command":"up"}"""), 401,
                    "{\"error\":\"master key required\"}");
            assertThat(tableExists(defaultDb.dataSource(), "acc_none._core_version")).isFalse();
        }

        @Test
        void anApiKeyIsNotEnough() {
            assertAnswer(server.postJson("/migrate", """
                    {"migration":"core","schema":"acc_api","command":"up"}""", KEY, API_KEY), 401,
                    "{\"error\":\"master key required\"}");
        }

        @Test
        void theMasterKeyIsCheckedBeforeTheBodyIsRead() {
            assertAnswer(server.postJson("/migrate", "not json", KEY, "wrong"), 401, "{\"error\":\"master key required\"}");
        }

        @Test
        void aCustomAuthorizerReplacesTheMasterKeyCheck() {
            String body = """
                    {"migration":"core","schema":"acc_ops","command":"up"}""";
            assertAnswer(server.postJson("/ops/migrate", body, KEY, MASTER_KEY), 401, "{\"error\":\"not authorized\"}");
            assertAnswer(server.postJson("/ops/migrate", body, "X-Ops-Token", OPS_TOKEN), 200, "{\"result\":\"ok\"}");
            assertThat(tableExists(defaultDb.dataSource(), "acc_ops._core_user")).isTrue();
        }
    }
}
