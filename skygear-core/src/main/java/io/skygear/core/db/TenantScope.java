package io.skygear.core.db;

import java.util.Map;
import java.util.Objects;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DeleteReturningStep;
import org.jooq.Field;
import org.jooq.InsertSetMoreStep;
import org.jooq.Record;
import org.jooq.SelectGroupByStep;
import org.jooq.Table;
import org.jooq.UpdateReturningStep;
import org.jooq.impl.DSL;

/**
 * SQL on the tenant tables of one app: every statement built here carries {@code app_id = <appId>}
 * (the original's "tenant" SQL builder), so feature code cannot forget the discriminator.
 *
 * <pre>{@code
 * TenantScope app = db.tenant(appId);
 * app.insertInto("_core_user").set(ID, userId).execute();          // app_id set for you
 * Record user = app.selectFrom("_core_user", ID.eq(userId)).fetchOne();
 * app.update("_core_user", Map.of(DISABLED, true), ID.eq(userId)).execute();
 * app.deleteFrom("_core_user", ID.eq(userId)).execute();
 * }</pre>
 *
 * <p>Conditions are passed in, not chained afterwards: the returned steps offer ordering, limits,
 * {@code returning} and execution but no {@code and}/{@code or}, so a later {@code or(...)} cannot widen
 * the query to other apps. For joins, build the query with {@link #dsl()} and add
 * {@link #condition(Table)} for every joined tenant table. Table names resolve in the database's schema.
 *
 * <p>Immutable and thread-safe; {@link #using(DSLContext)} binds the same scope to a transaction.
 */
public final class TenantScope {

    /** The discriminator column of every tenant table. */
    public static final String APP_ID = "app_id";

    private static final Field<String> APP_ID_FIELD = DSL.field(DSL.name(APP_ID), String.class);

    private final Database database;
    private final DSLContext dsl;
    private final String appId;

    TenantScope(Database database, DSLContext dsl, String appId) {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("appId must not be blank");
        }
        this.database = database;
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.appId = appId;
    }

    public String appId() {
        return appId;
    }

    /** The same app on another jOOQ context, typically a transaction's ({@code trx.dsl()}). */
    public TenantScope using(DSLContext context) {
        return new TenantScope(database, context, appId);
    }

    /** The jOOQ context statements of this scope run on. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The schema-qualified table {@code name}, as {@link Database#table(String)}. */
    public Table<Record> table(String name) {
        return database.table(name);
    }

    /**
     * {@code <table>.app_id = <appId>} for {@code table} as it appears in a query: qualified with its
     * alias when it has one, else with its schema-qualified name.
     */
    public Condition condition(Table<?> table) {
        return DSL.field(table.getQualifiedName().append(APP_ID), String.class).eq(appId);
    }

    /** {@code SELECT * FROM <table> WHERE app_id = ? AND <conditions>}. */
    public SelectGroupByStep<Record> selectFrom(String table, Condition... conditions) {
        Table<Record> t = table(table);
        return dsl.selectFrom(t).where(condition(t)).and(DSL.and(conditions));
    }

    /** {@code INSERT INTO <table> (app_id, …) VALUES (?, …)}: continue with {@code .set(field, value)}. */
    public InsertSetMoreStep<Record> insertInto(String table) {
        return dsl.insertInto(table(table)).set(APP_ID_FIELD, appId);
    }

    /**
     * {@code UPDATE <table> SET <values> WHERE app_id = ? AND <conditions>}. The values may not include
     * {@code app_id}: rows never move between apps.
     */
    public UpdateReturningStep<Record> update(String table, Map<? extends Field<?>, ?> values, Condition... conditions) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("update of " + table + ": no values to set");
        }
        if (values.keySet().stream().anyMatch(f -> APP_ID.equalsIgnoreCase(f.getName()))) {
            throw new IllegalArgumentException("update of " + table + ": app_id cannot be changed");
        }
        Table<Record> t = table(table);
        return dsl.update(t).set(values).where(condition(t)).and(DSL.and(conditions));
    }

    /** {@code DELETE FROM <table> WHERE app_id = ? AND <conditions>}. */
    public DeleteReturningStep<Record> deleteFrom(String table, Condition... conditions) {
        Table<Record> t = table(table);
        return dsl.deleteFrom(t).where(condition(t)).and(DSL.and(conditions));
    }

    @Override
    public String toString() {
        return "TenantScope[" + appId + " in " + database.schema() + "]";
    }
}
