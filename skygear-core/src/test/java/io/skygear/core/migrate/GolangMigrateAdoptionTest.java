package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.history;
import static io.skygear.core.migrate.MigrationFixtures.loader;
import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.db.Database;
import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestDatabase;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A schema migrated by the original (golang-migrate: {@code _<module>_version(version bigint, dirty boolean)})
 * is adopted: the old table is renamed to {@code …_golang_migrate} and its version recorded as applied.
 */
class GolangMigrateAdoptionTest {

    private static final String FIXTURES = "migrate-fixtures/io/skygear/migrations/testmod/up/";

    private static Database db;
    private static DSLContext dsl;

    @BeforeAll
    static void createDatabase() {
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").maximumPoolSize(2).build();
        dsl = db.dsl();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** A schema as the original left it: testmod's versions 1 and 2 applied, golang-migrate history at {@code version}. */
    private static Migrations legacySchema(String schema, Long version, boolean dirty) {
        dsl.createSchema(DSL.name(schema)).execute();
        db.transaction(trx -> trx.dsl().connection(c -> {
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL search_path TO " + schema);
            }
            SqlScripts.run(c, FIXTURES + "V1__create_note.sql");
            SqlScripts.run(c, FIXTURES + "V2__add_note_created_at.sql");
        }));
        dsl.execute("CREATE TABLE " + schema + "._testmod_version (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
        if (version != null) {
            dsl.insertInto(DSL.table(DSL.name(schema, "_testmod_version")))
                    .values(version, dirty).execute();
        }
        return Migrations.configure().database(db).schema(schema).modules("testmod").classLoader(loader()).load();
    }

    @Test
    void statusReadsTheLegacyVersionAndChangesNothing() {
        Migrations migrations = legacySchema("legacy_status", 2L, false);

        ModuleStatus status = migrations.status().module("testmod");

        assertThat(status.currentVersion()).isEqualTo("2");
        assertThat(status.applied()).containsExactly("1", "2");
        assertThat(status.pending()).containsExactly("3");
        assertThat(tables(dsl, "legacy_status")).containsExactly("_testmod_version", "note");
        assertThat(migrations.version().outcome()).isEqualTo("2");
    }

    @Test
    void upRenamesTheLegacyTableRecordsItsVersionAndAppliesTheRest() {
        Migrations migrations = legacySchema("legacy_up", 2L, false);

        ModuleResult result = migrations.up().modules().getFirst();

        assertThat(result.fromVersion()).isEqualTo("2");
        assertThat(result.applied()).containsExactly("3");
        assertThat(tables(dsl, "legacy_up"))
                .containsExactly("_testmod_version", "_testmod_version_golang_migrate", "note", "tag");
        assertThat(history(dsl, "legacy_up", "_testmod_version")).containsExactly("1:true", "2:true", "3:true");
        assertThat(dsl.fetchValue("SELECT version FROM legacy_up._testmod_version_golang_migrate")).isEqualTo(2L);
        assertThat(migrations.downAll().modules().getFirst().undone()).containsExactly("3", "2", "1");
    }

    @Test
    void dirtyLegacyVersionBlocksUpUntilForced() {
        Migrations migrations = legacySchema("legacy_dirty", 2L, true);

        assertThat(migrations.status().module("testmod").dirty()).isTrue();
        assertThatThrownBy(migrations::up).isInstanceOf(MigrationException.class)
                .hasMessage("testmod in schema legacy_dirty: Dirty database version 2. Fix and force version.");
        assertThat(tables(dsl, "legacy_dirty")).containsExactly("_testmod_version", "note");

        migrations.force("2");
        assertThat(history(dsl, "legacy_dirty", "_testmod_version")).containsExactly("1:true", "2:true");
        assertThat(migrations.up().modules().getFirst().applied()).containsExactly("3");
    }

    @Test
    void legacyVersionThatIsNotOneOfOursIsRefused() {
        Migrations migrations = legacySchema("legacy_unknown", 1567000000L, false);

        assertThatThrownBy(migrations::up).hasMessage("testmod in schema legacy_unknown: cannot adopt golang-migrate "
                + "history at version 1567000000: not a version of this module [1, 2, 3]");
        assertThat(tables(dsl, "legacy_unknown")).containsExactly("_testmod_version", "note");
    }

    @Test
    void emptyLegacyTableIsSetAsideAndTheModuleStartsFresh() {
        dsl.createSchema(DSL.name("legacy_empty")).execute();
        dsl.execute("CREATE TABLE legacy_empty._testmod_version (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
        Migrations migrations = Migrations.configure().database(db).schema("legacy_empty").modules("testmod")
                .classLoader(loader()).load();

        assertThat(migrations.up().modules().getFirst().applied()).containsExactly("1", "2", "3");
        assertThat(tables(dsl, "legacy_empty")).contains("_testmod_version_golang_migrate");
    }

    @Test
    void originalCoreSchemaAtItsLatestVersionIsAdoptedWithoutRunningAnything() {
        dsl.createSchema(DSL.name("legacy_core")).execute();
        db.transaction(trx -> trx.dsl().connection(c -> {
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL search_path TO legacy_core");
            }
            SqlScripts.run(c, "io/skygear/migrations/core/up/V1566290052__core_initial_schema.sql");
        }));
        dsl.execute("CREATE TABLE legacy_core._core_version (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)");
        dsl.execute("INSERT INTO legacy_core._core_version VALUES (1566290052, false)");
        Migrations migrations = Migrations.configure().database(db).schema("legacy_core").modules("core").load();

        assertThat(migrations.up().outcome()).isEqualTo("no change");
        assertThat(history(dsl, "legacy_core", "_core_version")).containsExactly("1566290052:true");
        assertThat(migrations.version().outcome()).isEqualTo("1566290052");
    }

    @Test
    void historyTableOfAnotherShapeIsReported() {
        dsl.createSchema(DSL.name("legacy_odd")).execute();
        dsl.execute("CREATE TABLE legacy_odd._testmod_version (id int)");
        Migrations migrations = Migrations.configure().database(db).schema("legacy_odd").modules("testmod")
                .classLoader(loader()).load();

        assertThatThrownBy(migrations::up).hasMessage("testmod in schema legacy_odd: history table "
                + "legacy_odd._testmod_version is neither Flyway's nor golang-migrate's (columns [id])");
    }
}
