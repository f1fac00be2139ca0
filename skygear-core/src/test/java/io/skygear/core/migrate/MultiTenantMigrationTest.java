package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.history;
import static io.skygear.core.migrate.MigrationFixtures.loader;
import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.db.Database;
import io.skygear.core.migrate.TargetResult.Status;
import io.skygear.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 54 apps in a config database, living in 4 (database, schema) targets over 2 databases and 3 schemas;
 * special cases (unreachable host, broken database, missing URL) sit in a second config schema.
 */
class MultiTenantMigrationTest {

    private static TestDatabase one;
    private static TestDatabase two;
    private static Database config;
    private static Database oneDb;
    private static Database twoDb;
    private static String oneUrl;
    private static String twoUrl;

    @BeforeAll
    static void createApps() {
        one = TestDatabase.create();
        two = TestDatabase.create();
        config = Database.builder().jdbcUrl(one.jdbcUrl()).username("postgres").maximumPoolSize(2).build();
        oneDb = Database.builder().dataSource(one.dataSource()).build();
        twoDb = Database.builder().dataSource(two.dataSource()).build();
        Migrations.configure().database(config).modules("testconfig").classLoader(loader()).load().up();
        config.dsl().execute("CREATE SCHEMA special");
        config.dsl().execute("CREATE TABLE special.config (LIKE app_config.config INCLUDING ALL)");
        config.dsl().execute("CREATE TABLE special.app (LIKE app_config.app INCLUDING ALL)");

        oneUrl = "postgres://postgres:@localhost:" + one.port() + "/" + one.name() + "?sslmode=disable";
        twoUrl = "postgresql://postgres@localhost:" + two.port() + "/" + two.name();
        String[] versions = {"live", "nightly", "suspended"};
        for (int i = 1; i <= 54; i++) {
            String url = i <= 35 ? oneUrl : twoUrl;
            String schema = i <= 20 ? "s1" : i <= 35 ? "s2" : i <= 50 ? "s1" : "s3";
            addApp("app_config", "app-%02d".formatted(i), versions[i % 3], url, schema);
        }
        String unreachable = "postgres://postgres@127.0.0.2:" + one.port() + "/" + one.name();
        addApp("special", "remote-a", "remote", unreachable, "r1");
        addApp("special", "remote-b", "remote", unreachable, "r1");
        addApp("special", "mixed-a", "mixed", oneUrl, "m1");
        addApp("special", "mixed-b", "mixed", "postgres://postgres@localhost:" + one.port() + "/no_such_db", "m1");
        addApp("special", "mixed-c", "mixed", twoUrl, "m3");
        addApp("special", "mixed-d", "mixed", null, null);
    }

    private static void addApp(String configSchema, String name, String authVersion, String url, String schema) {
        UUID configId = UUID.randomUUID();
        UUID appId = UUID.randomUUID();
        String json = url == null ? "{\"app_config\":{}}"
                : "{\"app_config\":{\"database_url\":\"%s\",\"database_schema\":\"%s\"}}".formatted(url, schema);
        DSLContext dsl = config.dsl();
        dsl.insertInto(DSL.table(DSL.name(configSchema, "config")))
                .set(DSL.field(DSL.name("id"), SQLDataType.UUID), configId)
                .set(DSL.field(DSL.name("config"), SQLDataType.JSONB), JSONB.valueOf(json))
                .set(DSL.field(DSL.name("app_id"), SQLDataType.UUID), appId)
                .execute();
        dsl.insertInto(DSL.table(DSL.name(configSchema, "app")))
                .set(DSL.field(DSL.name("id"), SQLDataType.UUID), appId)
                .set(DSL.field(DSL.name("name"), String.class), name)
                .set(DSL.field(DSL.name("config_id"), SQLDataType.UUID), configId)
                .set(DSL.field(DSL.name("auth_version"), String.class), authVersion)
                .execute();
    }

    @AfterAll
    static void close() {
        config.close();
    }

    @BeforeEach
    void dropTenantSchemas() {
        for (String schema : List.of("s1", "s2", "s3", "r1", "m1", "m3")) {
            oneDb.dsl().dropSchemaIfExists(schema).cascade().execute();
            twoDb.dsl().dropSchemaIfExists(schema).cascade().execute();
        }
    }

    private static MultiTenantMigration.Builder tenants(List<AppProgress> progress) {
        return MultiTenantMigration.builder().configDatabase(config).modules("core", "testmod")
                .classLoader(loader()).progress(progress::add);
    }

    @Test
    void everyTargetIsMigratedOnceAndEveryAppReported() {
        List<AppProgress> progress = Collections.synchronizedList(new ArrayList<>());

        MultiTenantResult result = tenants(progress).parallelism(3).build().up();

        assertThat(result.apps()).isEqualTo(54);
        assertThat(result.targets()).extracting(t -> t.schema() + ":" + t.apps().size())
                .containsExactly("s1:20", "s2:15", "s1:15", "s3:4");
        assertThat(result.succeeded()).isEqualTo(4);
        assertThat(result.unchanged() + result.failed() + result.skipped()).isZero();
        assertThat(result.ok()).isTrue();
        assertThat(progress).extracting(AppProgress::index).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 54).boxed().toList());
        assertThat(progress).filteredOn(p -> p.app().equals("app-03")).singleElement()
                .extracting(AppProgress::line).isEqualTo("[3/54] app-03 jdbc:postgresql://localhost:" + one.port()
                        + "/" + one.name() + " schema=s1: core ok, testmod ok");
        for (Database db : List.of(oneDb, twoDb)) {
            for (String schema : db == oneDb ? List.of("s1", "s2") : List.of("s1", "s3")) {
                assertThat(history(db.dsl(), schema, "_testmod_version")).containsExactly("1:true", "2:true", "3:true");
                assertThat(history(db.dsl(), schema, "_core_version")).containsExactly("1566290052:true");
            }
        }
        assertThat(tables(twoDb.dsl(), "s2")).isEmpty();

        MultiTenantResult again = tenants(new ArrayList<>()).parallelism(2).build().up();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.targets()).allMatch(t -> t.result().outcome().equals("no change"));
    }

    @Test
    void filterOnAnAppColumnSelectsOnlyThoseApps() {
        List<AppProgress> progress = new ArrayList<>();

        MultiTenantResult result = tenants(progress).filter("auth_version", "live").build().up();

        assertThat(result.apps()).isEqualTo(18);
        assertThat(progress).extracting(AppProgress::app)
                .allMatch(name -> Integer.parseInt(name.substring(4)) % 3 == 0).hasSize(18);
        assertThat(result.succeeded()).isEqualTo(4);
    }

    @Test
    void filterOnAUuidColumnComparesAsText() {
        String id = config.dsl().fetchValue("SELECT id::text FROM app_config.app WHERE name = 'app-07'").toString();

        MultiTenantResult result = tenants(new ArrayList<>()).filter("id", id).modules("core").build()
                .run(new MigrationCommand.Up(OptionalInt.empty()));

        assertThat(result.targets()).singleElement().satisfies(t -> assertThat(t.apps()).containsExactly("app-07"));
    }

    @Test
    void filterColumnMustBeARealColumnOfApp() {
        MultiTenantMigration migration = tenants(new ArrayList<>()).filter("name = name OR 1", "x").build();

        assertThatThrownBy(migration::up).isInstanceOf(MigrationException.class)
                .hasMessage("invalid app filter column: name = name OR 1 (columns of app_config.app: "
                        + "id, name, config_id, auth_version)");
        assertThat(tables(oneDb.dsl(), "s1")).isEmpty();
    }

    @Test
    void hostOverrideReplacesTheHostAndKeepsThePort() {
        List<AppProgress> progress = new ArrayList<>();
        MultiTenantMigration.Builder remote = tenants(progress).configSchema("special").filter("auth_version", "remote");

        MultiTenantResult without = remote.build().up();
        MultiTenantResult with = remote.hostOverride("localhost").build().up();

        assertThat(without.failed()).isEqualTo(1);
        assertThat(without.errors()).singleElement().asString().startsWith("jdbc:postgresql://127.0.0.2:" + one.port());
        assertThat(with.succeeded()).isEqualTo(1);
        assertThat(with.targets().getFirst().database()).isEqualTo("jdbc:postgresql://localhost:" + one.port() + "/" + one.name());
        assertThat(with.targets().getFirst().apps()).containsExactly("remote-a", "remote-b");
        assertThat(tables(oneDb.dsl(), "r1")).contains("note", "_core_user");
    }

    @Test
    void firstFailureStopsSchedulingFurtherTargets() {
        List<AppProgress> progress = new ArrayList<>();

        MultiTenantResult result = tenants(progress).configSchema("special").filter("auth_version", "mixed").build().up();

        assertThat(result.targets()).extracting(TargetResult::status)
                .containsExactly(Status.CHANGED, Status.FAILED, Status.SKIPPED, Status.SKIPPED);
        assertThat(result.errors()).singleElement().asString()
                .contains("schema=m1: cannot connect:").contains("database \"no_such_db\" does not exist");
        assertThat(progress).extracting(AppProgress::line).contains(
                "[2/4] mixed-b jdbc:postgresql://localhost:" + one.port() + "/no_such_db schema=m1: failed: "
                        + result.targets().get(1).error(),
                "[3/4] mixed-c jdbc:postgresql://localhost:" + two.port() + "/" + two.name()
                        + " schema=m3: skipped after an earlier failure");
        assertThat(tables(twoDb.dsl(), "m3")).isEmpty();
    }

    @Test
    void continueOnErrorRunsEveryTargetAndReportsEachFailure() {
        MultiTenantResult result = tenants(new ArrayList<>()).configSchema("special").filter("auth_version", "mixed")
                .continueOnError(true).parallelism(2).build().up();

        assertThat(result.succeeded()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(2);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.contains("missing app_config.database_url"));
        assertThat(tables(twoDb.dsl(), "m3")).contains("note");
    }

    @Test
    void dryRunReportsChangesAndLeavesEveryTargetUntouched() {
        MultiTenantResult result = tenants(new ArrayList<>()).dryRun(true).parallelism(4).build().up();

        assertThat(result.succeeded()).isEqualTo(4);
        assertThat(result.targets()).allMatch(t -> t.result().dryRun());
        assertThat(tables(oneDb.dsl(), "s1")).isEmpty();
        assertThat(tables(twoDb.dsl(), "s3")).isEmpty();
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> MultiTenantMigration.builder().build()).hasMessage("configDatabase: required");
        assertThatThrownBy(() -> tenants(new ArrayList<>()).parallelism(0).build())
                .hasMessage("parallelism: must be between 1 and 64, got 0");
        assertThatThrownBy(() -> tenants(new ArrayList<>()).parallelism(65).build())
                .hasMessage("parallelism: must be between 1 and 64, got 65");
        assertThatThrownBy(() -> tenants(new ArrayList<>()).filter("auth_version", null).build())
                .hasMessage("filter: needs both a column and a value");
        assertThatThrownBy(() -> tenants(new ArrayList<>()).hostOverride("evil/host").build())
                .hasMessage("hostOverride: not a host name: evil/host");
        assertThatThrownBy(() -> tenants(new ArrayList<>()).modules("testconfig").build())
                .hasMessage("module testconfig has its own schema (app_config) and is not run per tenant");
        assertThatThrownBy(() -> tenants(new ArrayList<>()).modules("nope").build())
                .hasMessage("unknown migration: nope");
        assertThat(MultiTenantMigration.builder().configDatabase(config).classLoader(loader()).build().modules())
                .containsExactly("core", "testmod", "failmod");
    }
}
