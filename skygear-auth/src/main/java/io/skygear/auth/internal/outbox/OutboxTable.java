package io.skygear.auth.internal.outbox;

import io.skygear.core.db.Database;
import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The columns and statements every outbox table shares: rows written in the operation's transaction,
 * claimed one at a time with {@code FOR UPDATE SKIP LOCKED} (so concurrent workers, on one node or
 * many, never hold the same row), then settled, retried or dead. The table's name is also the
 * channel of its commit-time {@code NOTIFY}. Timestamps are UTC.
 *
 * <p>Claims are per app: {@link #dueApps} reads, without locking, which apps have due rows, and
 * {@link #claimDue} locks a row of one of them. Every locking statement thus names one {@code app_id},
 * which is what Citus needs to run {@code FOR UPDATE} on a table distributed by it (one shard).
 */
public final class OutboxTable {

    public static final String PENDING = "pending";
    public static final String DEAD = "dead";

    public static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    public static final Field<String> APP_ID = DSL.field(DSL.name(TenantScope.APP_ID), SQLDataType.CLOB);
    public static final Field<String> STATUS = DSL.field(DSL.name("status"), SQLDataType.CLOB);
    public static final Field<Integer> ATTEMPTS = DSL.field(DSL.name("attempts"), SQLDataType.INTEGER);
    public static final Field<LocalDateTime> NEXT_ATTEMPT_AT = DSL.field(DSL.name("next_attempt_at"), SQLDataType.LOCALDATETIME);
    public static final Field<String> LAST_ERROR = DSL.field(DSL.name("last_error"), SQLDataType.CLOB);
    public static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);

    /** last_error is for operators; a long exception chain is cut here. */
    private static final int MAX_ERROR_LENGTH = 1000;

    private final String name;

    public OutboxTable(String name) {
        this.name = name;
    }

    /** The table's name, which is also its notification channel. */
    public String name() {
        return name;
    }

    /** {@code NOTIFY} the workers; PostgreSQL delivers it only when (and if) the transaction commits. */
    public void notifyWorkers(DSLContext trx, Database db) {
        trx.select(DSL.function("pg_notify", Object.class, DSL.val(name), DSL.val(db.schema()))).fetch();
    }

    /**
     * The apps of {@code db} that match {@code scope} and have due pending rows, the one whose oldest
     * due row has waited longest first. A plain read: it locks nothing, and other workers may claim
     * those rows before the caller does.
     */
    public List<String> dueApps(DSLContext dsl, Database db, Instant now, Condition scope) {
        return dsl.select(APP_ID)
                .from(db.table(name))
                .where(due(now)).and(scope)
                .groupBy(APP_ID)
                .orderBy(DSL.min(NEXT_ATTEMPT_AT), APP_ID)
                .fetch(APP_ID);
    }

    /**
     * Locks and returns the oldest due pending row of {@code appId} in {@code db}, skipping rows other
     * transactions hold. The lock lasts until {@code trx} ends.
     */
    public <R> Optional<R> claimDue(DSLContext trx, Database db, String appId, Instant now,
                                    List<Field<?>> columns, RecordMapper<Record, R> mapper) {
        return trx.select(columns)
                .from(db.table(name))
                .where(APP_ID.eq(appId)).and(due(now))
                .orderBy(NEXT_ATTEMPT_AT, ID)
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOptional(mapper);
    }

    private static Condition due(Instant now) {
        return STATUS.eq(PENDING).and(NEXT_ATTEMPT_AT.le(utc(now)));
    }

    /** Reschedules a claimed row after a failed attempt. */
    public void markRetry(DSLContext trx, Database db, String appId, long id, int attempts, Instant next, String error) {
        settle(trx, db, appId, id, Map.of(ATTEMPTS, attempts, NEXT_ATTEMPT_AT, utc(next), LAST_ERROR, cut(error)));
    }

    /** Updates a claimed row of {@code appId}. */
    public void settle(DSLContext trx, Database db, String appId, long id, Map<Field<?>, Object> values) {
        db.tenant(appId).using(trx).update(name, values, ID.eq(id)).execute();
    }

    /** Deletes settled (not pending) rows created before {@code cutoff}; returns how many. */
    public int purgeSettled(Database db, Instant cutoff) {
        return db.dsl().deleteFrom(db.table(name))
                .where(STATUS.ne(PENDING).and(CREATED_AT.lt(utc(cutoff))))
                .execute();
    }

    /** {@code error} cut to the length last_error keeps. */
    public static String cut(String error) {
        return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
