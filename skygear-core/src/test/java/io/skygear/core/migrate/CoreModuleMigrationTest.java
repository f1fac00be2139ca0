package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.catalog;
import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real core module from skygear-core's own jar, through the engine (no fixture class loader). */
class CoreModuleMigrationTest {

    private static Database db;
    private static Migrations core;

    @BeforeAll
    static void migrate() {
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(2).build();
        core = Migrations.configure().database(db).modules("core").load();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void upCreatesTheOriginalsCoreSchemaAtItsLatestVersion() {
        assertThat(core.up().outcome()).isIn("ok", "no change");

        assertThat(core.version().outcome()).isEqualTo("1566290052");
        assertThat(core.up().outcome()).isEqualTo("no change");
        assertThat(catalog(db.dsl(), "app")).contains(
                "column _core_user.id text NO",
                "column _core_user.app_id text NO",
                "column _core_user.disabled boolean NO DEFAULT false",
                "column _core_user.verify_info jsonb NO DEFAULT '{}'::jsonb",
                "index _core_user_app_id_idx CREATE INDEX _core_user_app_id_idx ON app._core_user USING btree (app_id)");
        assertThat(db.tenant("app-1").selectFrom("_core_user").fetch()).isEmpty();
    }

    @Test
    void downAllThenUpRoundTrips() {
        core.up();

        assertThat(core.downAll().modules().getFirst().undone()).containsExactly("1566290052");
        assertThat(tables(db.dsl(), "app")).containsExactly("_core_version");
        assertThat(core.status().module("core").pending()).containsExactly("1566290052");
        assertThat(core.up().modules().getFirst().applied()).containsExactly("1566290052");
    }
}
