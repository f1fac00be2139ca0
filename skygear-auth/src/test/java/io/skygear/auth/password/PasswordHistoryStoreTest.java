package io.skygear.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.password.PasswordHistoryStore;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.db.Database;
import io.skygear.core.migrate.Migrations;
import io.skygear.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The password history window, housekeeping and tenant scoping on real PostgreSQL. */
class PasswordHistoryStoreTest {

    static Database db;
    static final MutableClock clock = new MutableClock(Instant.EPOCH);

    @BeforeAll
    static void migrate() {
        db = Database.builder().dataSource(TestDatabase.create().dataSource()).schema("app").build();
        Migrations.configure().database(db).schema("app").modules("core", "auth").load().up();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void windowIsTheLongerOfTheLastEntriesAndTheRecentDays() {
        PasswordHistoryStore store = store("app-a");
        // the original's checker fixture: three passwords on three days, checked on the fourth
        recordAt(store, "chima-user", "coffee", "2017-11-01T00:00:00Z");
        recordAt(store, "chima-user", "faseng", "2017-11-02T00:00:00Z");
        recordAt(store, "chima-user", "chima", "2017-11-03T00:00:00Z");
        clock.set(Instant.parse("2017-11-04T00:00:00Z"));

        assertThat(store.window("chima-user", 12, 365)).containsExactly("chima", "faseng", "coffee");
        assertThat(store.window("chima-user", 2, 0)).containsExactly("chima", "faseng");
        assertThat(store.window("chima-user", 0, 2)).containsExactly("chima", "faseng");
        assertThat(store.window("chima-user", 1, 2)).containsExactly("chima", "faseng");
        assertThat(store.window("chima-user", 3, 1)).containsExactly("chima", "faseng", "coffee");
        assertThat(store.window("chima-user", 0, 0)).isEmpty();
    }

    @Test
    void daysCountFromTheStartOfTodayInUtc() {
        PasswordHistoryStore store = store("app-a");
        recordAt(store, "day-user", "two-days-ago-late", "2020-03-08T23:59:59Z");
        recordAt(store, "day-user", "yesterday-midnight", "2020-03-09T00:00:00Z");

        clock.set(Instant.parse("2020-03-10T23:59:59Z"));
        assertThat(store.window("day-user", 0, 1)).containsExactly("yesterday-midnight");

        clock.set(Instant.parse("2020-03-11T00:00:00Z"));
        assertThat(store.window("day-user", 0, 1)).isEmpty();
    }

    @Test
    void housekeepingDeletesOnlyEntriesOlderThanTheWindow() {
        PasswordHistoryStore store = store("app-a");
        for (int day = 1; day <= 5; day++) {
            recordAt(store, "busy-user", "pw" + day, "2021-01-0" + day + "T12:00:00Z");
        }
        recordAt(store, "other-user", "other", "2021-01-01T12:00:00Z");
        clock.set(Instant.parse("2021-01-06T00:00:00Z"));

        assertThat(store.housekeep("busy-user", 2, 0)).isEqualTo(3);

        assertThat(store.window("busy-user", 10, 0)).containsExactly("pw5", "pw4");
        assertThat(store.window("other-user", 10, 0)).containsExactly("other");
    }

    @Test
    void housekeepingKeepsTheLongerWindow() {
        PasswordHistoryStore store = store("app-a");
        for (int day = 1; day <= 5; day++) {
            recordAt(store, "keeper", "pw" + day, "2022-01-0" + day + "T12:00:00Z");
        }
        clock.set(Instant.parse("2022-01-06T00:00:00Z"));

        // one by size, but three by days (since 2022-01-03T00:00)
        assertThat(store.housekeep("keeper", 1, 3)).isEqualTo(2);
        assertThat(store.window("keeper", 10, 0)).containsExactly("pw5", "pw4", "pw3");
    }

    @Test
    void disabledHistoryHousekeepsNothing() {
        PasswordHistoryStore store = store("app-a");
        recordAt(store, "quiet-user", "pw", "2019-05-05T00:00:00Z");

        assertThat(store.housekeep("quiet-user", 0, 0)).isZero();
        assertThat(store.window("quiet-user", 1, 0)).containsExactly("pw");
    }

    @Test
    void eachAppSeesAndPrunesOnlyItsOwnRows() {
        PasswordHistoryStore a = store("app-a");
        PasswordHistoryStore b = store("app-b");
        recordAt(a, "shared-id", "a-old", "2018-01-01T00:00:00Z");
        recordAt(a, "shared-id", "a-new", "2018-01-02T00:00:00Z");
        recordAt(b, "shared-id", "b-old", "2018-01-01T00:00:00Z");
        clock.set(Instant.parse("2018-01-03T00:00:00Z"));

        assertThat(a.housekeep("shared-id", 1, 0)).isEqualTo(1);

        assertThat(a.window("shared-id", 10, 0)).containsExactly("a-new");
        assertThat(b.window("shared-id", 10, 0)).containsExactly("b-old");
    }

    @Test
    void recordsTheClockTimeInUtcWithAFreshId() {
        PasswordHistoryStore store = store("app-c");
        clock.set(Instant.parse("2023-06-01T08:30:00Z"));
        store.record("stamp-user", "hash-1");
        store.record("stamp-user", "hash-2");

        var rows = db.tenant("app-c").selectFrom("_auth_password_history", DSL.field("user_id").eq("stamp-user"))
                .fetch();
        assertThat(rows).hasSize(2);
        assertThat(rows.getValues("logged_at", java.time.LocalDateTime.class))
                .containsOnly(java.time.LocalDateTime.parse("2023-06-01T08:30:00"));
        assertThat(rows.getValues("id", String.class)).doesNotHaveDuplicates();
    }

    @Test
    void historyIsIndexedPerAppUserAndTime() {
        List<String> indexes = db.dsl().fetchValues("""
                SELECT indexdef FROM pg_indexes WHERE schemaname = 'app' AND tablename = '_auth_password_history'
                """).stream().map(String::valueOf).toList();

        assertThat(indexes).anySatisfy(i -> assertThat(i).contains("(app_id, user_id, logged_at DESC)"));
    }

    static PasswordHistoryStore store(String appId) {
        return new PasswordHistoryStore(db.tenant(appId), clock);
    }

    static void recordAt(PasswordHistoryStore store, String userId, String hash, String instant) {
        clock.set(Instant.parse(instant));
        store.record(userId, hash);
    }
}
