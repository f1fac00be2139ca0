package io.skygear.migrate;

import static io.skygear.migrate.MigrateCliTest.assertFails;
import static io.skygear.migrate.MigrateCliTest.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --config-database}: a config database made by the CLI's own gateway migration, listing apps in a
 * tenant database. Apps by name: a-broken (nightly, unusable URL), alpha (live), beta and gamma (live,
 * sharing a schema), delta (suspended). Tests select apps with the filter or use dry runs, so they do not
 * depend on each other's order.
 */
class MigrateCliMultiTenantTest {

    private static final String DEFAULT_PLAN = "851fe550-e9d5-4d40-9ee1-2fd1e5f70ec7";
    private static final String BAD_URL_ERROR = "mysql://nowhere/x schema=mt_broken: invalid database_url: "
            + "must start with jdbc:postgresql://, postgres:// or postgresql:// (got mysql://nowhere/x)";

    private static TestDatabase configDb;
    private static TestDatabase tenantDb;

    @BeforeAll
    static void createDatabases() {
        configDb = TestDatabase.create();
        tenantDb = TestDatabase.create();
        assertOk(CliRun.of(Map.of(), "--database", configDb.jdbcUrl(), "--migration", "gateway", "up"), "gateway ok");
        String url = "postgres://postgres@localhost:" + tenantDb.port() + "/" + tenantDb.name();
        app("a-broken", "nightly", "mysql://nowhere/x", "mt_broken");
        app("alpha", "live", url, "mt_alpha");
        app("beta", "live", url, "mt_shared");
        app("gamma", "live", url, "mt_shared");
        app("delta", "suspended", url, "mt_delta");
    }

    private static void app(String name, String authVersion, String databaseUrl, String schema) {
        try (Connection c = configDb.dataSource().getConnection(); PreparedStatement s = c.prepareStatement("""
                WITH config AS (
                    INSERT INTO app_config.config (id, created_at, updated_at, config, app_id)
                    VALUES (gen_random_uuid(), now(), now(),
                            jsonb_build_object('app_config', jsonb_build_object('database_url', ?, 'database_schema', ?)),
                            gen_random_uuid())
                    RETURNING id)
                INSERT INTO app_config.app (id, created_at, updated_at, name, plan_id, config_id, auth_version)
                SELECT gen_random_uuid(), now(), now(), ?, ?::uuid, config.id, ? FROM config""")) {
            s.setString(1, databaseUrl);
            s.setString(2, schema);
            s.setString(3, name);
            s.setString(4, DEFAULT_PLAN);
            s.setString(5, authVersion);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun cli(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config-database";
        all[1] = configDb.jdbcUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(Map.of(), all);
    }

    private static String target(String schema) {
        return "jdbc:postgresql://localhost:" + tenantDb.port() + "/" + tenantDb.name() + " schema=" + schema;
    }

    private static boolean tableExists(String qualifiedName) {
        try (Connection c = tenantDb.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT to_regclass('" + qualifiedName + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void upInParallelPrintsALinePerAppAndASummaryAndMigratesSharedSchemasOnce() {
        CliRun run = cli("--app-filter-key", "auth_version", "--app-filter-value", "live", "--parallelism", "2", "up");
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.subList(0, 3)).containsExactlyInAnyOrder(
                "[1/3] alpha " + target("mt_alpha") + ": core ok, auth ok, asset ok",
                "[2/3] beta " + target("mt_shared") + ": core ok, auth ok, asset ok",
                "[3/3] gamma " + target("mt_shared") + ": core ok, auth ok, asset ok");
        assertThat(lines.subList(3, lines.size())).containsExactly(
                "up core, auth, asset: 3 apps in 2 targets: 2 changed, 0 unchanged, 0 failed, 0 skipped");
        assertThat(tableExists("mt_alpha._auth_principal")).isTrue();
        assertThat(tableExists("mt_shared._auth_principal")).isTrue();
        assertThat(tableExists("mt_delta._core_user")).isFalse();

        CliRun again = cli("--app-filter-key", "auth_version", "--app-filter-value", "live", "up");
        assertThat(again.out())
                .endsWith("up core, auth, asset: 3 apps in 2 targets: 0 changed, 2 unchanged, 0 failed, 0 skipped\n");
    }

    @Test
    void aDryRunWithAHostnameOverrideConnectsToTheOverriddenHostAndKeepsNothing() {
        CliRun run = cli("--app-filter-key", "auth_version", "--app-filter-value", "suspended",
                "--hostname-override", "127.0.0.1", "--dry-run", "up");
        assertOk(run, "[1/1] delta jdbc:postgresql://127.0.0.1:" + tenantDb.port() + "/" + tenantDb.name()
                + " schema=mt_delta: core ok, auth ok, asset ok\n"
                + "up core, auth, asset: 1 apps in 1 targets: 1 changed, 0 unchanged, 0 failed, 0 skipped "
                + "(dry run, rolled back)");
        assertThat(tableExists("mt_delta._core_user")).isFalse();
    }

    @Test
    void theFirstFailureSkipsTheRestAndExitsOne() {
        CliRun run = cli("--dry-run", "up");
        assertFails(run, 1, "1 of 4 targets failed, 3 skipped; first: " + BAD_URL_ERROR);
        assertThat(run.out().lines().toList()).contains(
                "[1/5] a-broken mysql://nowhere/x schema=mt_broken: failed: invalid database_url: must start with "
                        + "jdbc:postgresql://, postgres:// or postgresql:// (got mysql://nowhere/x)",
                "[2/5] alpha " + target("mt_alpha") + ": skipped after an earlier failure",
                "up core, auth, asset: 5 apps in 4 targets: 0 changed, 0 unchanged, 1 failed, 3 skipped "
                        + "(dry run, rolled back)");
    }

    @Test
    void continueOnErrorRunsEveryOtherApp() {
        CliRun run = cli("--continue-on-error", "--dry-run", "--migration", "core", "up");
        assertFails(run, 1, "1 of 4 targets failed; first: " + BAD_URL_ERROR);
        assertThat(run.out()).contains("[4/5] delta " + target("mt_delta") + ": core ok\n")
                .contains("up core: 5 apps in 4 targets: ").contains(", 1 failed, 0 skipped (dry run, rolled back)\n");
    }

    @Test
    void aModuleWithItsOwnSchemaIsNotRunPerTenant() {
        assertFails(cli("--migration", "gateway", "up"), 2,
                "module gateway has its own schema (app_config) and is not run per tenant (see --help)");
    }

    @Test
    void anUnknownFilterColumnIsNamed() {
        CliRun run = cli("--app-filter-key", "plan", "--app-filter-value", "x", "up");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("skygear-migrate: invalid app filter column: plan (columns of app_config.app: id, ");
    }
}
