package io.skygear.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.testing.TestDatabase;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions commit on success, roll back on failure, nest as savepoints, on the schema's tables. */
class DatabaseTransactionTest {

    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);

    private static Database db;

    @BeforeAll
    static void createTable() {
        TestDatabase pg = TestDatabase.create();
        db = Database.builder().jdbcUrl(pg.jdbcUrl()).username("postgres").schema("tx").maximumPoolSize(4).build();
        db.dsl().execute("CREATE SCHEMA tx");
        db.dsl().execute("CREATE TABLE tx.item (name text PRIMARY KEY)");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.dsl().deleteFrom(db.table("item")).execute();
    }

    private static Object names() {
        return db.dsl().select(NAME).from(db.table("item")).orderBy(NAME).fetch(NAME);
    }

    @Test
    void successfulBlockCommits() {
        db.transaction(trx -> {
            trx.dsl().insertInto(db.table("item")).set(NAME, "a").execute();
            trx.dsl().insertInto(db.table("item")).set(NAME, "b").execute();
        });
        assertThat(names()).asList().containsExactly("a", "b");
    }

    @Test
    void failingBlockRollsBackAndRethrows() {
        assertThatThrownBy(() -> db.transaction(trx -> {
            trx.dsl().insertInto(db.table("item")).set(NAME, "a").execute();
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(names()).asList().isEmpty();
    }

    @Test
    void sqlErrorRollsBackEverythingBeforeIt() {
        assertThatThrownBy(() -> db.transaction(trx -> {
            trx.dsl().insertInto(db.table("item")).set(NAME, "a").execute();
            trx.dsl().insertInto(db.table("item")).set(NAME, "a").execute();
        })).hasMessageContaining("duplicate key");
        assertThat(names()).asList().isEmpty();
    }

    @Test
    void transactionResultReturnsTheValue() {
        int inserted = db.transactionResult(trx -> trx.dsl().insertInto(db.table("item")).set(NAME, "x").execute());
        assertThat(inserted).isEqualTo(1);
        assertThat(names()).asList().containsExactly("x");
    }

    @Test
    void nestedTransactionIsASavepointRolledBackAlone() {
        db.transaction(outer -> {
            outer.dsl().insertInto(db.table("item")).set(NAME, "outer").execute();
            assertThatThrownBy(() -> outer.dsl().transaction(inner -> {
                inner.dsl().insertInto(db.table("item")).set(NAME, "inner").execute();
                throw new IllegalArgumentException("inner fails");
            })).hasMessage("inner fails");
            outer.dsl().transaction(inner -> inner.dsl().insertInto(db.table("item")).set(NAME, "kept").execute());
        });
        assertThat(names()).asList().containsExactly("kept", "outer");
    }

    @Test
    void hostDataSourceWithAnotherSearchPathStillReachesTheSchemaTables() {
        TestDatabase other = TestDatabase.create();
        try (Database plain = Database.builder().dataSource(other.dataSource()).build();
                Database tenant = Database.builder().dataSource(other.dataSource()).schema("t1").build()) {
            plain.dsl().execute("CREATE SCHEMA t1");
            plain.dsl().execute("CREATE TABLE t1.item (name text PRIMARY KEY)");
            tenant.transaction(trx -> trx.dsl().insertInto(tenant.table("item")).set(NAME, "q").execute());
            assertThat(plain.dsl().fetchValue("SELECT current_schema()")).isEqualTo("public");
            assertThat(plain.dsl().fetchValue("SELECT name FROM t1.item")).isEqualTo("q");
        }
    }
}
