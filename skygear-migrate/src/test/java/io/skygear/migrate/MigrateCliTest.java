package io.skygear.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.migrate.MigrationStatus;
import io.skygear.core.migrate.Migrations;
import io.skygear.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process against real PostgreSQL with every module's migrations on the class path. */
class MigrateCliTest {

    private static TestDatabase db;
    private static Map<String, String> env;
    /** The versions each module ships (they grow as modules evolve), read from a fresh schema. */
    private static List<String> coreVersions;
    private static List<String> authVersions;
    private static List<String> assetVersions;
    private static List<String> gatewayVersions;
    private static String core;
    private static String auth;

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create();
        env = Map.of("DATABASE_URL", db.jdbcUrl());
        MigrationStatus fresh = Migrations.configure().dataSource(db.dataSource()).schema("probe").load().status();
        coreVersions = fresh.module("core").pending();
        authVersions = fresh.module("auth").pending();
        assetVersions = fresh.module("asset").pending();
        gatewayVersions = fresh.module("gateway").pending();
        core = coreVersions.getLast();
        auth = authVersions.getLast();
    }

    static CliRun cli(String... args) {
        return CliRun.of(env, args);
    }

    static CliRun tenant(String schema, String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"--migration", "core", "--migration", "auth", "--schema", schema}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        return cli(all);
    }

    static void assertOk(CliRun run, String out) {
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(out + "\n");
        assertThat(run.code()).isZero();
    }

    /** Exit code and the single stderr line. */
    static void assertFails(CliRun run, int code, String errorLine) {
        assertThat(run.err()).isEqualTo("skygear-migrate: " + errorLine + "\n");
        assertThat(run.code()).isEqualTo(code);
    }

    static boolean tableExists(String qualifiedName) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
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
            assertFails(tenant("fresh", "version"), 1, "no migration");
        }

        @Test
        void upAppliesCoreThenAuthThenHasNoChangeAndVersionNamesBoth() {
            assertOk(tenant("c_up", "up"), "core ok, auth ok");
            assertOk(tenant("c_up", "up"), "core no change, auth no change");
            assertOk(tenant("c_up", "version"), "core " + core + ", auth " + auth);
            assertThat(tableExists("c_up._auth_version")).isTrue();
        }

        @Test
        void statusIsATableOfCurrentAppliedAndPendingVersions() {
            assertOk(cli("--migration", "core", "--schema", "c_status", "up"), "core ok");
            CliRun run = cli("--schema", "c_status", "status");
            assertThat(run.code()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines).hasSize(5);
            assertThat(columns(lines.get(0))).containsExactly("MODULE", "SCHEMA", "CURRENT", "APPLIED", "PENDING", "DIRTY");
            assertThat(columns(lines.get(1))).containsExactly("core", "c_status", core, "1", "0", "no");
            assertThat(columns(lines.get(2))).containsExactly("auth", "c_status", "-", "0", pending(authVersions), "no");
            assertThat(columns(lines.get(3))).containsExactly("asset", "c_status", "-", "0", pending(assetVersions), "no");
            assertThat(columns(lines.get(4)))
                    .containsExactly("gateway", "app_config", "-", "0", pending(gatewayVersions), "no");
            for (String column : List.of("SCHEMA", "CURRENT", "APPLIED", "PENDING", "DIRTY")) {
                int start = lines.get(0).indexOf(column);
                assertThat(lines).allSatisfy(line -> assertThat(line.charAt(start - 1)).isEqualTo(' '))
                        .allSatisfy(line -> assertThat(line.charAt(start)).isNotEqualTo(' '));
            }
        }

        private static List<String> columns(String line) {
            return List.of(line.split(" {2,}"));
        }

        /** e.g. {@code 1 (V)}, {@code 2 (V1, V2)}, {@code 7 (V1 ... V7)}. */
        private static String pending(List<String> versions) {
            return versions.size() + " (" + (versions.size() == 1 ? versions.getFirst()
                    : versions.getFirst() + (versions.size() > 2 ? " ... " : ", ") + versions.getLast()) + ")";
        }

        @Test
        void upAndDownBySteps() {
            assertOk(tenant("c_steps", "up", "1"), "core ok, auth ok");
            assertOk(tenant("c_steps", "down", "1"), "auth ok, core ok");
            assertThat(tableExists("c_steps._core_user")).isFalse();
            assertFails(tenant("c_steps", "up", String.valueOf(coreVersions.size() + 1)), 1, "limit 1 short");
        }

        @Test
        void downAllAndBareDownUndoEverything() {
            assertOk(tenant("c_down", "up"), "core ok, auth ok");
            assertOk(tenant("c_down", "down", "all"), "auth ok, core ok");
            assertOk(tenant("c_down", "down"), "auth no change, core no change");
            assertThat(tableExists("c_down._auth_principal")).isFalse();
        }

        @Test
        void forceRecordsAVersionWithoutRunningScriptsAndMinusOneClearsIt() {
            assertOk(cli("--migration", "core", "--schema", "c_force", "force", core), "core ok");
            assertOk(cli("--migration", "core", "--schema", "c_force", "version"), "core " + core);
            assertThat(tableExists("c_force._core_user")).isFalse();
            assertOk(cli("--migration", "core", "--schema", "c_force", "force", "-1"), "core ok");
            assertFails(cli("--migration", "core", "--schema", "c_force", "version"), 1, "no migration");
        }

        @Test
        void dryRunRunsEverythingAndRollsBack() {
            assertOk(tenant("c_dry", "--dry-run", "up"), "core ok, auth ok (dry run, rolled back)");
            assertFails(tenant("c_dry", "version"), 1, "no migration");
            assertThat(tableExists("c_dry._core_user")).isFalse();
        }

        @Test
        void everyModuleRunsByDefaultTheGatewayInItsOwnSchema() {
            assertOk(cli("--schema", "c_all", "--dry-run", "up"),
                    "core ok, auth ok, asset ok, gateway ok (dry run, rolled back)");
        }

        @Test
        void theOriginalsGoStyleFlagsAndPostgresUrlsWork() {
            String url = "postgres://postgres@localhost:" + db.port() + "/" + db.name() + "?sslmode=disable";
            CliRun run = CliRun.of(Map.of(), "-migration=core", "-schema=c_go", "-database=" + url, "-dry-run", "up");
            assertOk(run, "core ok (dry run, rolled back)");
        }

        @Test
        void aFailingScriptExitsOneAndKeepsNothing() {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA c_fail; CREATE TABLE c_fail._core_user (id text)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            CliRun run = cli("--migration", "core", "--schema", "c_fail", "up");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).startsWith("skygear-migrate: core in schema c_fail: ").contains("_core_user");
            assertThat(run.err().lines()).hasSize(1);
            assertFails(cli("--migration", "core", "--schema", "c_fail", "version"), 1, "no migration");
        }

        @Test
        void anUnreachableDatabaseExitsOneWithoutEchoingThePassword() {
            CliRun run = cli("--schema", "x", "--database", "postgres://u:pw-Secret@127.0.0.1:1/x", "version");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).startsWith("skygear-migrate: cannot connect to the database of --database: ")
                    .doesNotContain("pw-Secret");
            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Nested
    class UsageErrors {

        @Test
        void helpPrintsUsageAndExitsZero() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = MigrateCli.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: skygear-migrate [options] <command> [arg]")
                    .contains("add-version --module <m> --name <description>");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(cli("up", "-h").out()).isEqualTo(MigrateCli.USAGE);
        }

        @Test
        void aMissingOrUnknownCommandIsNamed() {
            assertFails(cli(), 2, "missing command (one of status, version, up, down, force, add-version) (see --help)");
            assertFails(cli("frobnicate"), 2,
                    "undefined command: frobnicate (one of status, version, up, down, force, add-version) (see --help)");
            assertFails(cli("up", "1", "2"), 2, "too many arguments: up 1 2 (see --help)");
        }

        @Test
        void unknownOptionsAndMissingValuesAreNamed() {
            assertFails(cli("--frobnicate", "up"), 2, "unknown option: --frobnicate (see --help)");
            assertFails(cli("up", "--schema"), 2, "--schema needs a value (see --help)");
            assertFails(cli("--dry-run=yes", "up"), 2, "--dry-run takes true or false, got yes (see --help)");
        }

        @Test
        void badArgumentsAreUsageErrors() {
            assertFails(cli("--schema", "x", "up", "abc"), 2, "invalid step: abc (see --help)");
            assertFails(cli("--schema", "x", "down", "-2"), 2, "invalid step: -2 (see --help)");
            assertFails(cli("--schema", "x", "force"), 2, "force needs a version (or -1 to clear the history) (see --help)");
            assertFails(cli("--schema", "x", "force", "v2"), 2, "invalid version: v2 (see --help)");
            assertFails(cli("--schema", "x", "version", "1"), 2, "version takes no argument (see --help)");
        }

        @Test
        void missingSchemaDatabaseOrModuleAreNamedBeforeConnecting() {
            assertFails(cli("up"), 2, "missing schema: pass --schema for core, auth, asset (see --help)");
            assertFails(CliRun.of(Map.of(), "--schema", "x", "up"), 2,
                    "missing db url: pass --database or set DATABASE_URL (see --help)");
            assertFails(cli("--migration", "nope", "--schema", "x", "up"), 2,
                    "unknown migration: nope (available: core, auth, asset, gateway) (see --help)");
            assertFails(cli("--schema", "x", "--database", "mysql://db/x", "up"), 2,
                    "invalid --database URL: must start with jdbc:postgresql://, postgres:// or postgresql:// "
                            + "(got mysql://db/x) (see --help)");
        }

        @Test
        void multiTenantOptionsNeedAConfigDatabase() {
            assertFails(cli("--schema", "x", "--parallelism", "4", "up"), 2,
                    "--app-filter-key, --app-filter-value, --hostname-override, --parallelism and --continue-on-error "
                            + "apply only with --config-database (see --help)");
            assertFails(cli("--config-database", db.jdbcUrl(), "--parallelism", "0", "up"), 2,
                    "--parallelism must be a whole number of at least 1, got 0 (see --help)");
            assertFails(cli("--config-database", db.jdbcUrl(), "--schema", "x", "up"), 2,
                    "--database and --schema do not apply with --config-database (each app's config names its own) "
                            + "(see --help)");
            assertFails(cli("--config-database", db.jdbcUrl(), "status"), 2,
                    "status is not available with --config-database (use version) (see --help)");
        }
    }

    @Nested
    class AddVersion {

        static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
        static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

        @TempDir
        Path dir;

        CliRun add(String... args) {
            return CliRun.of(Map.of("SKYGEAR_SOURCE_ROOT", dir.toString()), CLOCK, args);
        }

        @Test
        void writesAPairedUpAndUndoScriptFromTheTemplates() throws IOException {
            CliRun run = add("add-version", "--module", "auth", "--name", "add_user_index", "--dir", dir.toString());
            Path base = dir.resolve("io/skygear/migrations/auth");
            Path up = base.resolve("up/V1700000000__add_user_index.sql");
            Path down = base.resolve("down/U1700000000__add_user_index.sql");
            assertOk(run, "created " + up + "\ncreated " + down);
            assertThat(Files.readString(up)).startsWith("-- auth 1700000000: add_user_index\n")
                    .contains("down/U1700000000__add_user_index.sql").doesNotContain("{{");
            assertThat(Files.readString(down)).startsWith("-- auth 1700000000: add_user_index (undo)\n")
                    .contains("up/V1700000000__add_user_index.sql").doesNotContain("{{");
        }

        @Test
        void refusesToOverwriteOrReuseAVersion() throws IOException {
            assertThat(add("add-version", "--module", "core", "--name", "first", "--dir", dir.toString()).code()).isZero();
            Path first = dir.resolve("io/skygear/migrations/core/up/V1700000000__first.sql");
            Files.writeString(first, "CREATE TABLE edited ();");
            CliRun again = add("add-version", "--module", "core", "--name", "second", "--dir", dir.toString());
            assertFails(again, 1, "version already used by " + first + "; not overwriting (retry in a second)");
            assertThat(Files.readString(first)).isEqualTo("CREATE TABLE edited ();");
            assertThat(dir.resolve("io/skygear/migrations/core/down/U1700000000__second.sql")).doesNotExist();
        }

        @Test
        void defaultsToTheModulesResourcesInTheSourceTree() throws IOException {
            Path resources = Files.createDirectories(dir.resolve("skygear-assets/src/main/resources"));
            CliRun run = add("add-version", "--module", "asset", "--name", "asset_table");
            assertThat(run.code()).isZero();
            assertThat(resources.resolve("io/skygear/migrations/asset/up/V1700000000__asset_table.sql")).exists();
            assertThat(resources.resolve("io/skygear/migrations/asset/down/U1700000000__asset_table.sql")).exists();
        }

        @Test
        void badNamesAndMissingFoldersAreUsageErrors() {
            assertFails(add("add-version", "--module", "auth", "--name", "Add User", "--dir", dir.toString()), 2,
                    "invalid name: Add User (lower-case letters and digits in words joined by single underscores, "
                            + "at most 100 characters, e.g. add_user_index) (see --help)");
            assertFails(add("add-version", "--module", "../x", "--name", "a", "--dir", dir.toString()), 2,
                    "invalid module: ../x (lower-case letters, digits and _) (see --help)");
            assertFails(add("add-version", "--module", "auth", "--name", "a"), 2,
                    "no such directory: " + dir.resolve("skygear-auth/src/main/resources")
                            + " (pass --dir <resources dir>) (see --help)");
            assertFails(add("add-version", "--module", "billing", "--name", "a"), 2,
                    "no source folder is known for module billing; pass --dir <resources dir> (see --help)");
            assertFails(add("add-version", "--module", "auth"), 2,
                    "add-version needs --module <module> and --name <description> (see --help)");
            assertFails(add("add-version", "--module", "auth", "--name", "a", "--schema", "x"), 2,
                    "add-version takes only --module, --name and --dir (see --help)");
            assertFails(add("--name", "a", "up"), 2, "--module, --name and --dir apply only to add-version (see --help)");
        }
    }
}
