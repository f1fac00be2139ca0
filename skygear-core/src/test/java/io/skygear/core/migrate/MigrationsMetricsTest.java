package io.skygear.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skygear.core.db.Database;
import io.skygear.testing.MeterDocs;
import io.skygear.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Migrations built with a meter registry time each command by name and result, on a real database. */
class MigrationsMetricsTest {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static TestDatabase pg;
    private static Database database;
    private static Migrations migrations;

    @BeforeAll
    static void start() {
        pg = TestDatabase.create();
        database = Database.builder().dataSource(pg.dataSource()).schema("app").build();
        migrations = Migrations.configure().database(database).modules("core").meterRegistry(METERS).load();
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static long runs(String command, String result) {
        Timer t = METERS.find("skygear.migrate.commands").tags("command", command, "result", result).timer();
        return t == null ? 0 : t.count();
    }

    @Test
    void upIsTimedAsChangedThenAsUnchanged() {
        migrations.up();
        migrations.up();

        assertThat(runs("up", "changed")).isEqualTo(1);
        assertThat(runs("up", "unchanged")).isEqualTo(1);
        MeterDocs.assertDocumented(METERS);
    }

    @Test
    void aCommandThatThrowsIsTimedAsFailed() {
        Database closed = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").schema("gone").build();
        Migrations unreachable = Migrations.configure().database(closed).modules("core").meterRegistry(METERS).load();
        closed.close();

        assertThatThrownBy(unreachable::up).isInstanceOf(RuntimeException.class);

        assertThat(runs("up", "failed")).isEqualTo(1);
    }

    @Test
    void nullRegistryIsRefusedByLoad() {
        assertThatThrownBy(() -> Migrations.configure().database(database).modules("core").meterRegistry(null).load())
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("meterRegistry");
    }
}
