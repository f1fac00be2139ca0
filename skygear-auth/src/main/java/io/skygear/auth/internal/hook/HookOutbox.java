package io.skygear.auth.internal.hook;

import io.skygear.core.db.Database;
import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The table {@code _auth_hook_outbox}: rows written in the operation's transaction, claimed one at a
 * time by a worker with {@code FOR UPDATE SKIP LOCKED} (so concurrent workers, on one node or many,
 * never hold the same row), settled as delivered, retried or dead. Timestamps are UTC.
 */
final class HookOutbox {

    static final String TABLE = "_auth_hook_outbox";

    /** Channel of the commit-time notification that wakes every node's worker. */
    static final String CHANNEL = "_auth_hook_outbox";

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";

    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> APP_ID = DSL.field(DSL.name(TenantScope.APP_ID), SQLDataType.CLOB);
    static final Field<Long> SEQ = DSL.field(DSL.name("seq"), SQLDataType.BIGINT);
    static final Field<String> EVENT_TYPE = DSL.field(DSL.name("event_type"), SQLDataType.CLOB);
    static final Field<String> URL = DSL.field(DSL.name("url"), SQLDataType.CLOB);
    static final Field<String> BODY = DSL.field(DSL.name("body"), SQLDataType.CLOB);
    static final Field<String> SIGNATURE = DSL.field(DSL.name("signature"), SQLDataType.CLOB);
    static final Field<String> STATUS = DSL.field(DSL.name("status"), SQLDataType.CLOB);
    static final Field<Integer> ATTEMPTS = DSL.field(DSL.name("attempts"), SQLDataType.INTEGER);
    static final Field<LocalDateTime> NEXT_ATTEMPT_AT = DSL.field(DSL.name("next_attempt_at"), SQLDataType.LOCALDATETIME);
    static final Field<String> LAST_ERROR = DSL.field(DSL.name("last_error"), SQLDataType.CLOB);
    static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);
    static final Field<LocalDateTime> DELIVERED_AT = DSL.field(DSL.name("delivered_at"), SQLDataType.LOCALDATETIME);

    /** last_error is for operators; a long exception chain is cut here. */
    private static final int MAX_ERROR_LENGTH = 1000;

    private HookOutbox() {
    }

    /** An event bound for one hook URL, as the dispatcher writes it. */
    record Entry(long seq, String eventType, String url, String body, String signature) {
    }

    /** A claimed row, as the worker delivers it. */
    record Row(long id, String appId, long seq, String eventType, String url, String body, String signature,
               int attempts, Instant createdAt) {
    }

    /** Inserts {@code entries} in the caller's transaction, due at once. */
    static void insert(TenantScope tenant, List<Entry> entries, Instant now) {
        LocalDateTime at = utc(now);
        for (Entry e : entries) {
            tenant.insertInto(TABLE)
                    .set(SEQ, e.seq())
                    .set(EVENT_TYPE, e.eventType())
                    .set(URL, e.url())
                    .set(BODY, e.body())
                    .set(SIGNATURE, e.signature())
                    .set(STATUS, PENDING)
                    .set(NEXT_ATTEMPT_AT, at)
                    .set(CREATED_AT, at)
                    .execute();
        }
    }

    /**
     * {@code NOTIFY} the workers; PostgreSQL delivers it only when (and if) the transaction commits,
     * which is exactly when the rows become visible.
     */
    static void notifyWorkers(DSLContext trx, Database db) {
        trx.select(DSL.function("pg_notify", Object.class, DSL.val(CHANNEL), DSL.val(db.schema()))).fetch();
    }

    /**
     * Locks and returns the oldest due pending row of any app in {@code db}, skipping rows other
     * transactions hold. The lock lasts until {@code trx} ends.
     */
    static Optional<Row> claimDue(DSLContext trx, Database db, Instant now) {
        Table<Record> table = db.table(TABLE);
        return trx.select(ID, APP_ID, SEQ, EVENT_TYPE, URL, BODY, SIGNATURE, ATTEMPTS, CREATED_AT)
                .from(table)
                .where(STATUS.eq(PENDING).and(NEXT_ATTEMPT_AT.le(utc(now))))
                .orderBy(NEXT_ATTEMPT_AT, ID)
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOptional(r -> new Row(r.get(ID), r.get(APP_ID), r.get(SEQ), r.get(EVENT_TYPE), r.get(URL),
                        r.get(BODY), r.get(SIGNATURE), r.get(ATTEMPTS), r.get(CREATED_AT).toInstant(ZoneOffset.UTC)));
    }

    static void markDelivered(DSLContext trx, Database db, Row row, Instant now) {
        settle(trx, db, row, Map.of(STATUS, DELIVERED, ATTEMPTS, row.attempts() + 1, DELIVERED_AT, utc(now)));
    }

    static void markRetry(DSLContext trx, Database db, Row row, Instant next, String error) {
        settle(trx, db, row, Map.of(ATTEMPTS, row.attempts() + 1, NEXT_ATTEMPT_AT, utc(next), LAST_ERROR, cut(error)));
    }

    static void markDead(DSLContext trx, Database db, Row row, int attempts, String error) {
        settle(trx, db, row, Map.of(STATUS, DEAD, ATTEMPTS, attempts, LAST_ERROR, cut(error)));
    }

    /** Deletes delivered and dead rows created before {@code cutoff}; returns how many. */
    static int purgeSettled(Database db, Instant cutoff) {
        return db.dsl().deleteFrom(db.table(TABLE))
                .where(STATUS.ne(PENDING).and(CREATED_AT.lt(utc(cutoff))))
                .execute();
    }

    private static void settle(DSLContext trx, Database db, Row row, Map<Field<?>, Object> values) {
        db.tenant(row.appId()).using(trx).update(TABLE, values, ID.eq(row.id())).execute();
    }

    private static String cut(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
