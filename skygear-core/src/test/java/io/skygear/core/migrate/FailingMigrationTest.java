package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.catalog;
import static io.skygear.core.migrate.MigrationFixtures.history;
import static io.skygear.core.migrate.MigrationFixtures.loader;
import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A failing script (failmod version 2) leaves the module at its previous version, schema and data intact. */
class FailingMigrationTest {

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

    private static Migrations failmod(String schema) {
        return Migrations.configure().database(db).schema(schema).modules("failmod").classLoader(loader()).load();
    }

    @Test
    void failureNamesTheVersionAndTheDatabaseError() {
        MigrationException error = org.junit.jupiter.api.Assertions.assertThrows(MigrationException.class,
                () -> failmod("fail_message").up());

        assertThat(error.module()).isEqualTo("failmod");
        assertThat(error.getMessage())
                .startsWith("failmod in schema fail_message: migration 2 (V2__break_thing.sql) failed: ")
                .contains("duplicate key value violates unique constraint \"thing_pkey\"")
                .contains("Key (id)=(1) already exists.");
    }

    @Test
    void failedUpKeepsThePreviousVersionAndSchema() {
        Migrations migrations = failmod("fail_keep");
        migrations.up(1);
        List<String> catalogBefore = catalog(dsl, "fail_keep");

        assertThatThrownBy(migrations::up).isInstanceOf(MigrationException.class);

        assertThat(migrations.status().module("failmod").currentVersion()).isEqualTo("1");
        assertThat(migrations.status().module("failmod").dirty()).isFalse();
        assertThat(history(dsl, "fail_keep", "_failmod_version")).containsExactly("1:true");
        assertThat(catalog(dsl, "fail_keep")).isEqualTo(catalogBefore);
        assertThat(tables(dsl, "fail_keep")).doesNotContain("thing_extra");
        assertThat(dsl.select(DSL.field("label")).from(DSL.table(DSL.name("fail_keep", "thing"))).fetch(0, String.class))
                .containsExactly("first");
    }

    @Test
    void failureOnAFreshSchemaLeavesNoSchemaBehind() {
        assertThatThrownBy(() -> failmod("fail_fresh").up()).isInstanceOf(MigrationException.class);

        assertThat(catalog(dsl, "fail_fresh")).isEmpty();
    }

    @Test
    void earlierModulesOfTheRunStayCommitted() {
        Migrations migrations = Migrations.configure().database(db).schema("fail_second")
                .modules("testmod", "failmod").classLoader(loader()).load();

        assertThatThrownBy(migrations::up).hasMessageStartingWith("failmod in schema fail_second:");

        MigrationStatus status = migrations.status();
        assertThat(status.module("testmod").currentVersion()).isEqualTo("3");
        assertThat(status.module("failmod").currentVersion()).isNull();
        assertThat(tables(dsl, "fail_second")).containsExactly("_testmod_version", "note", "tag");
    }
}
