package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.catalog;
import static io.skygear.core.migrate.MigrationFixtures.history;
import static io.skygear.core.migrate.MigrationFixtures.loader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dry run executes the scripts, reports what it did, and leaves catalog and history exactly as before. */
class DryRunTest {

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

    private static Migrations migrations(String schema, boolean dryRun, String... modules) {
        return Migrations.configure().database(db).schema(schema).modules(modules).dryRun(dryRun)
                .classLoader(loader()).load();
    }

    private static List<List<String>> snapshot(String schema) {
        return List.of(catalog(dsl, schema), history(dsl, schema, "_core_version"), history(dsl, schema, "_testmod_version"));
    }

    @Test
    void dryUpOnAFreshSchemaRunsEveryModuleAndLeavesNothing() {
        MigrationResult result = migrations("dry_fresh", true, "core", "testmod").up();

        assertThat(result.dryRun()).isTrue();
        assertThat(result.outcome()).isEqualTo("ok");
        assertThat(result.summary()).isEqualTo("core ok, testmod ok");
        assertThat(result.modules().get(1).applied()).containsExactly("1", "2", "3");
        assertThat(catalog(dsl, "dry_fresh")).isEmpty();
    }

    @Test
    void dryUpOnAPartlyMigratedSchemaLeavesCatalogAndHistoryAsBefore() {
        migrations("dry_partial", false, "core", "testmod").up(1);
        List<List<String>> before = snapshot("dry_partial");

        MigrationResult result = migrations("dry_partial", true, "core", "testmod").up();

        assertThat(result.modules().get(1).applied()).containsExactly("2", "3");
        assertThat(snapshot("dry_partial")).isEqualTo(before);
        assertThat(migrations("dry_partial", false, "testmod").status().module("testmod").currentVersion()).isEqualTo("1");
    }

    @Test
    void dryDownAndDryForceChangeNothing() {
        Migrations real = migrations("dry_down", false, "testmod");
        real.up();
        List<List<String>> before = snapshot("dry_down");
        Migrations dry = migrations("dry_down", true, "testmod");

        assertThat(dry.downAll().modules().getFirst().undone()).containsExactly("3", "2", "1");
        assertThat(dry.force("1").outcome()).isEqualTo("ok");
        assertThat(snapshot("dry_down")).isEqualTo(before);
    }

    @Test
    void failingDryRunReportsTheErrorAndLeavesNothing() {
        assertThatThrownBy(() -> migrations("dry_fail", true, "failmod").up())
                .isInstanceOf(MigrationException.class).hasMessageContaining("duplicate key");
        assertThat(catalog(dsl, "dry_fail")).isEmpty();
    }
}
