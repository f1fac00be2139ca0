package io.skygear.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.testing.TestDatabase;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A TenantScope sees, changes and deletes only its own app's rows. */
class TenantScopeTest {

    private static final Field<String> ID = DSL.field(DSL.name("id"), String.class);
    private static final Field<String> BODY = DSL.field(DSL.name("body"), String.class);
    private static final Field<String> APP_ID = DSL.field(DSL.name("app_id"), String.class);
    private static final Field<String> NOTE_ID = DSL.field(DSL.name("note_id"), String.class);

    private static Database db;
    private static TenantScope alpha;
    private static TenantScope beta;

    @BeforeAll
    static void createTables() {
        db = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).username("postgres").schema("app").build();
        db.dsl().execute("CREATE SCHEMA app");
        db.dsl().execute("CREATE TABLE app.note (id text PRIMARY KEY, app_id text NOT NULL, body text NOT NULL)");
        db.dsl().execute("CREATE TABLE app.tag (note_id text NOT NULL, app_id text NOT NULL, name text NOT NULL)");
        alpha = db.tenant("alpha");
        beta = db.tenant("beta");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void seed() {
        db.dsl().deleteFrom(db.table("tag")).execute();
        db.dsl().deleteFrom(db.table("note")).execute();
        alpha.insertInto("note").set(ID, "a1").set(BODY, "alpha one").execute();
        alpha.insertInto("note").set(ID, "a2").set(BODY, "alpha two").execute();
        beta.insertInto("note").set(ID, "b1").set(BODY, "beta one").execute();
    }

    @Test
    void insertSetsTheAppId() {
        assertThat(db.dsl().select(ID, APP_ID).from(db.table("note")).orderBy(ID).fetch().intoMaps())
                .extracting(m -> m.get("id") + "=" + m.get("app_id"))
                .containsExactly("a1=alpha", "a2=alpha", "b1=beta");
    }

    @Test
    void selectSeesOnlyOwnRows() {
        assertThat(alpha.selectFrom("note").orderBy(ID).fetch(ID)).containsExactly("a1", "a2");
        assertThat(beta.selectFrom("note").fetch(ID)).containsExactly("b1");
        assertThat(alpha.selectFrom("note", ID.eq("b1")).fetch()).isEmpty();
    }

    @Test
    void conditionsCannotWidenTheScope() {
        assertThat(alpha.selectFrom("note", ID.eq("b1").or(DSL.trueCondition())).orderBy(ID).fetch(ID))
                .containsExactly("a1", "a2");
    }

    @Test
    void updateTouchesOnlyOwnRows() {
        assertThat(alpha.update("note", Map.of(BODY, "hacked"), ID.eq("b1")).execute()).isZero();
        assertThat(alpha.update("note", Map.of(BODY, "edited")).execute()).isEqualTo(2);
        assertThat(db.dsl().select(BODY).from(db.table("note")).where(ID.eq("b1")).fetchOne(BODY)).isEqualTo("beta one");
    }

    @Test
    void updateCannotMoveRowsToAnotherApp() {
        assertThatThrownBy(() -> alpha.update("note", Map.of(APP_ID, "beta"), ID.eq("a1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("update of note: app_id cannot be changed");
        assertThatThrownBy(() -> alpha.update("note", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("update of note: no values to set");
    }

    @Test
    void deleteRemovesOnlyOwnRows() {
        assertThat(beta.deleteFrom("note", ID.in("a1", "a2")).execute()).isZero();
        assertThat(beta.deleteFrom("note").execute()).isEqualTo(1);
        assertThat(alpha.selectFrom("note").fetch()).hasSize(2);
    }

    @Test
    void conditionScopesAliasedTablesOfAJoin() {
        alpha.insertInto("tag").set(NOTE_ID, "a1").set(DSL.field(DSL.name("name"), String.class), "x").execute();
        beta.insertInto("tag").set(NOTE_ID, "a1").set(DSL.field(DSL.name("name"), String.class), "leak").execute();
        Table<Record> n = alpha.table("note").as("n");
        Table<Record> t = alpha.table("tag").as("t");
        var names = alpha.dsl().select(DSL.field(DSL.name("t", "name"), String.class))
                .from(n).join(t).on(DSL.field(DSL.name("t", "note_id")).eq(DSL.field(DSL.name("n", "id"))))
                .where(alpha.condition(n)).and(alpha.condition(t))
                .fetch(0, String.class);
        assertThat(names).containsExactly("x");
    }

    @Test
    void scopeFollowsTheTransactionItIsBoundTo() {
        assertThatThrownBy(() -> db.transaction(trx -> {
            TenantScope scoped = alpha.using(trx.dsl());
            scoped.insertInto("note").set(ID, "a3").set(BODY, "rolled back").execute();
            assertThat(scoped.selectFrom("note").fetch()).hasSize(3);
            throw new IllegalStateException("abort");
        })).hasMessage("abort");
        assertThat(alpha.selectFrom("note").fetch()).hasSize(2);
    }

    @Test
    void blankAppIdIsRejected() {
        assertThatThrownBy(() -> db.tenant(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("appId must not be blank");
    }
}
