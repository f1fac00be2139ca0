package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.catalog;
import static io.skygear.core.migrate.MigrationFixtures.history;
import static io.skygear.core.migrate.MigrationFixtures.loader;
import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verbs on the test module testmod (versions 1, 2, 3), each test in a schema of its own. */
class MigrationsTest {

    private static Database db;
    private static DSLContext dsl;

    @BeforeAll
    static void createDatabase() {
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").maximumPoolSize(4).build();
        dsl = db.dsl();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Migrations testmod(String schema) {
        return Migrations.configure().database(db).schema(schema).modules("testmod").classLoader(loader()).load();
    }

    private static ModuleResult only(MigrationResult result) {
        assertThat(result.modules()).hasSize(1);
        return result.modules().getFirst();
    }

    @Test
    void freshSchemaHasNoVersionAndStatusCreatesNothing() {
        Migrations migrations = testmod("fresh");

        ModuleStatus status = migrations.status().module("testmod");

        assertThat(status.currentVersion()).isNull();
        assertThat(status.applied()).isEmpty();
        assertThat(status.pending()).containsExactly("1", "2", "3");
        assertThat(status.dirty()).isFalse();
        assertThat(status.historyTable()).isEqualTo("_testmod_version");
        assertThatThrownBy(migrations::version).isInstanceOf(MigrationException.class).hasMessage("no migration")
                .extracting(e -> ((MigrationException) e).module()).isEqualTo("testmod");
        assertThat(catalog(dsl, "fresh")).isEmpty();
    }

    @Test
    void upAppliesEverythingThenReportsNoChange() {
        Migrations migrations = testmod("up_all");

        MigrationResult first = migrations.up();
        MigrationResult second = migrations.up();

        assertThat(first.outcome()).isEqualTo("ok");
        assertThat(first.dryRun()).isFalse();
        assertThat(only(first)).isEqualTo(new ModuleResult("testmod", "up_all", null, "3",
                java.util.List.of("1", "2", "3"), java.util.List.of(), "ok"));
        assertThat(second.outcome()).isEqualTo("no change");
        assertThat(only(second).fromVersion()).isEqualTo("3");
        assertThat(migrations.version().outcome()).isEqualTo("3");
        assertThat(history(dsl, "up_all", "_testmod_version")).containsExactly("1:true", "2:true", "3:true");
        assertThat(tables(dsl, "up_all")).containsExactly("_testmod_version", "note", "tag");
        assertThat(catalog(dsl, "up_all")).contains(
                "column note.created_at timestamp without time zone NO DEFAULT now()",
                "column tag.name text NO",
                "routine tag_count");
    }

    @Test
    void upWithStepsAppliesThatManyAndRefusesMoreThanPending() {
        Migrations migrations = testmod("up_steps");

        assertThat(only(migrations.up(1)).applied()).containsExactly("1");
        assertThat(only(migrations.up(0)).outcome()).isEqualTo("no change");
        ModuleResult second = only(migrations.up(1));
        assertThatThrownBy(() -> migrations.up(5)).isInstanceOf(MigrationException.class).hasMessage("limit 4 short");
        assertThatThrownBy(() -> migrations.up(-1)).hasMessage("invalid step");

        assertThat(second.fromVersion()).isEqualTo("1");
        assertThat(second.toVersion()).isEqualTo("2");
        assertThat(migrations.status().module("testmod").currentVersion()).isEqualTo("2");
        assertThat(tables(dsl, "up_steps")).containsExactly("_testmod_version", "note");
        assertThat(only(migrations.up()).applied()).containsExactly("3");
        assertThat(only(migrations.up(1)).outcome()).isEqualTo("no change");
    }

    @Test
    void downUndoesTheLastStepsInReverseOrder() {
        Migrations migrations = testmod("down_steps");
        migrations.up();

        ModuleResult first = only(migrations.down(1));
        assertThat(first.undone()).containsExactly("3");
        assertThat(first.fromVersion()).isEqualTo("3");
        assertThat(first.toVersion()).isEqualTo("2");
        assertThat(tables(dsl, "down_steps")).containsExactly("_testmod_version", "note");
        assertThat(catalog(dsl, "down_steps")).noneMatch(line -> line.startsWith("routine"));

        assertThat(only(migrations.down(1)).undone()).containsExactly("2");
        assertThat(catalog(dsl, "down_steps")).noneMatch(line -> line.contains("created_at"));
        assertThat(history(dsl, "down_steps", "_testmod_version")).containsExactly("1:true");
        assertThatThrownBy(() -> migrations.down(2)).hasMessage("limit 1 short");
        assertThat(migrations.status().module("testmod").currentVersion()).isEqualTo("1");
    }

    @Test
    void downAllUndoesEverythingAndUpRedoesIt() {
        Migrations migrations = testmod("down_all");
        migrations.up();

        ModuleResult down = only(migrations.downAll());

        assertThat(down.undone()).containsExactly("3", "2", "1");
        assertThat(down.toVersion()).isNull();
        assertThat(tables(dsl, "down_all")).containsExactly("_testmod_version");
        assertThat(migrations.downAll().outcome()).isEqualTo("no change");
        assertThat(only(migrations.up()).applied()).containsExactly("1", "2", "3");
        assertThat(tables(dsl, "down_all")).containsExactly("_testmod_version", "note", "tag");
    }

    @Test
    void forceRewritesTheHistoryWithoutRunningScripts() {
        Migrations migrations = testmod("forced");

        assertThat(migrations.force("2").outcome()).isEqualTo("ok");
        ModuleStatus at2 = migrations.status().module("testmod");
        assertThat(at2.applied()).containsExactly("1", "2");
        assertThat(at2.pending()).containsExactly("3");
        assertThat(tables(dsl, "forced")).containsExactly("_testmod_version");

        migrations.force("3");
        assertThat(history(dsl, "forced", "_testmod_version")).containsExactly("1:true", "2:true", "3:true");
        ModuleResult back = only(migrations.force("1"));
        assertThat(back.fromVersion()).isEqualTo("3");
        assertThat(back.toVersion()).isEqualTo("1");
        assertThat(history(dsl, "forced", "_testmod_version")).containsExactly("1:true");
        migrations.force("-1");
        assertThat(migrations.status().module("testmod").currentVersion()).isNull();
        assertThatThrownBy(() -> migrations.force("9")).isInstanceOf(MigrationException.class)
                .hasMessage("testmod in schema forced: unknown version 9 (module versions: [1, 2, 3])");
        assertThatThrownBy(() -> migrations.force("x")).hasMessage("invalid version");
    }

    @Test
    void forcedHistoryLetsUpContinueAfterIt() {
        Migrations migrations = testmod("forced_up");
        dsl.execute("CREATE SCHEMA forced_up");
        dsl.execute("CREATE TABLE forced_up.note (id text PRIMARY KEY, app_id text NOT NULL, body text NOT NULL)");

        migrations.force("1");
        ModuleResult up = only(migrations.up());

        assertThat(up.applied()).containsExactly("2", "3");
        assertThat(tables(dsl, "forced_up")).containsExactly("_testmod_version", "note", "tag");
    }

    @Test
    void changedScriptFailsChecksumValidation() {
        Migrations migrations = testmod("checksum");
        migrations.up(1);
        dsl.update(DSL.table(DSL.name("checksum", "_testmod_version")))
                .set(DSL.field(DSL.name("checksum"), Integer.class), 42)
                .where(DSL.field(DSL.name("version")).eq("1")).execute();

        assertThatThrownBy(migrations::up).isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("testmod in schema checksum: validation failed:")
                .hasMessageContaining("checksum mismatch for migration version 1")
                .hasMessageEndingWith("a script was changed or removed after it was applied");
        assertThat(tables(dsl, "checksum")).containsExactly("_testmod_version", "note");
    }

    @Test
    void failedHistoryEntryIsDirtyUntilForced() {
        Migrations migrations = testmod("dirty");
        migrations.up(2);
        dsl.update(DSL.table(DSL.name("dirty", "_testmod_version")))
                .set(DSL.field(DSL.name("success"), Boolean.class), false)
                .where(DSL.field(DSL.name("version")).eq("2")).execute();

        assertThat(migrations.status().module("testmod").dirty()).isTrue();
        assertThatThrownBy(migrations::up).hasMessage("testmod in schema dirty: Dirty database version 2. Fix and force version.");
        assertThatThrownBy(migrations::downAll).hasMessageContaining("Dirty database version 2.");

        migrations.force("2");
        assertThat(migrations.status().module("testmod").dirty()).isFalse();
        assertThat(only(migrations.up()).applied()).containsExactly("3");
    }

    @Test
    void modulesRunInOrderUpAndInReverseDown() {
        Migrations migrations = Migrations.configure().database(db).schema("two_modules")
                .modules("testmod", "core").classLoader(loader()).load();

        assertThat(migrations.modules()).extracting(MigrationModule::name).containsExactly("core", "testmod");
        MigrationResult up = migrations.up();
        assertThat(up.modules()).extracting(ModuleResult::module).containsExactly("core", "testmod");
        assertThat(up.summary()).isEqualTo("core ok, testmod ok");
        assertThat(migrations.version().outcome()).isEqualTo("core 1566290052, testmod 3");
        MigrationResult down = migrations.downAll();
        assertThat(down.modules()).extracting(ModuleResult::module).containsExactly("testmod", "core");
        assertThat(tables(dsl, "two_modules")).containsExactly("_core_version", "_testmod_version");
    }

    @Test
    void schemaNameIsQuotedNotInterpreted() {
        String schema = "Tenant-1; DROP TABLE x";
        Migrations migrations = testmod(schema);

        migrations.up();

        assertThat(tables(dsl, schema)).containsExactly("_testmod_version", "note", "tag");
        assertThat(only(migrations.downAll()).undone()).containsExactly("3", "2", "1");
    }

    @Test
    void fixedSchemaModuleRunsInItsOwnSchema() {
        Migrations migrations = Migrations.configure().database(db).schema("ignored")
                .modules("testconfig").classLoader(loader()).load();

        ModuleResult result = only(migrations.up());

        assertThat(result.schema()).isEqualTo("app_config");
        assertThat(tables(dsl, "app_config")).containsExactly("_testconfig_version", "app", "config");
        assertThat(tables(dsl, "ignored")).isEmpty();
        migrations.downAll();
    }

    @Test
    void availableModulesAreSortedByOrderAndAllAreTheDefault() {
        assertThat(Migrations.available(loader())).extracting(MigrationModule::name)
                .containsExactly("testconfig", "core", "testmod", "failmod");
        assertThat(Migrations.available(loader()).get(1))
                .isEqualTo(new MigrationModule("core", 10, "_core_version", "", "io/skygear/migrations/core"));
        assertThat(Migrations.configure().database(db).schema("x").classLoader(loader()).load().modules())
                .extracting(MigrationModule::name).containsExactly("testconfig", "core", "testmod", "failmod");
    }

    @Test
    void badSelectionsAreRejectedWithTheOriginalsMessages() {
        assertThatThrownBy(() -> Migrations.configure().database(db).schema("x").modules("nope").load())
                .isInstanceOf(MigrationException.class).hasMessage("unknown migration: nope");
        assertThatThrownBy(() -> Migrations.configure().dataSource(db.dataSource()).modules("core").load())
                .hasMessage("missing schema");
        assertThatThrownBy(() -> Migrations.configure().schema("x").modules("core").load())
                .hasMessage("missing db url");
    }
}
