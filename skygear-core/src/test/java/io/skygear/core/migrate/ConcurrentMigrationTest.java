package io.skygear.core.migrate;

import static io.skygear.core.migrate.MigrationFixtures.history;
import static io.skygear.core.migrate.MigrationFixtures.loader;
import static io.skygear.core.migrate.MigrationFixtures.tables;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two runners on the same schema at once: they serialise on the advisory lock; one applies, one finds nothing. */
class ConcurrentMigrationTest {

    private static TestDatabase pg;
    private static Database first;
    private static Database second;

    @BeforeAll
    static void createDatabases() {
        pg = TestDatabase.create();
        first = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").maximumPoolSize(2).poolName("first").build();
        second = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").maximumPoolSize(2).poolName("second").build();
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    private static MigrationResult up(Database db) {
        return Migrations.configure().database(db).schema("race").modules("core", "testmod").classLoader(loader())
                .load().up();
    }

    @Test
    void simultaneousRunnersApplyOnceAndTheOtherReportsNoChange() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = pg.dataSource().getConnection(); Statement s = holder.createStatement()) {
            // Hold core's lock for schema "race" (the engine's key) so that both runners are queued on it
            // before either starts: the run is then concurrent by construction, not by luck.
            holder.setAutoCommit(false);
            s.execute("SELECT pg_advisory_xact_lock(hashtext('skygear-migrate:race'), hashtext('core'))");
            Future<MigrationResult> a = pool.submit(() -> up(first));
            Future<MigrationResult> b = pool.submit(() -> up(second));
            awaitWaiters(s, 2);
            holder.rollback();

            List<String> outcomes = List.of(a.get(60, TimeUnit.SECONDS).summary(), b.get(60, TimeUnit.SECONDS).summary());
            assertThat(outcomes).containsExactlyInAnyOrder("core ok, testmod ok", "core no change, testmod no change");
        } finally {
            pool.shutdownNow();
        }
        try (Database check = Database.builder().dataSource(pg.dataSource()).build()) {
            assertThat(history(check.dsl(), "race", "_core_version")).containsExactly("1566290052:true");
            assertThat(history(check.dsl(), "race", "_testmod_version")).containsExactly("1:true", "2:true", "3:true");
            assertThat(tables(check.dsl(), "race")).containsExactly("_core_user", "_core_version", "_testmod_version", "note", "tag");
        }
    }

    // Waits (bounded, not asserted on time) until `count` sessions are blocked on an advisory lock.
    private static void awaitWaiters(Statement s, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var rows = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                rows.next();
                if (rows.getInt(1) >= count) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("runners never queued on the migration lock");
            }
            Thread.sleep(20);
        }
    }
}
