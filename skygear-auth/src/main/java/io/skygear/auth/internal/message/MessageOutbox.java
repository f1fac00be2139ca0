package io.skygear.auth.internal.message;

import io.skygear.core.db.Database;
import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The table {@code _auth_message_outbox}: rendered messages written in the sender's transaction,
 * claimed one at a time with {@code FOR UPDATE SKIP LOCKED} (so no two workers, on one node or many,
 * hold the same row), settled as sent (payload dropped), retried or dead. Timestamps are UTC.
 */
final class MessageOutbox {

    static final String TABLE = "_auth_message_outbox";

    /** Channel of the commit-time notification that wakes every node's worker. */
    static final String CHANNEL = "_auth_message_outbox";

    static final String EMAIL = "email";
    static final String SMS = "sms";

    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DEAD = "dead";

    static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    static final Field<String> APP_ID = DSL.field(DSL.name(TenantScope.APP_ID), SQLDataType.CLOB);
    static final Field<String> CHANNEL_COLUMN = DSL.field(DSL.name("channel"), SQLDataType.CLOB);
    static final Field<String> PURPOSE = DSL.field(DSL.name("purpose"), SQLDataType.CLOB);
    static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), SQLDataType.CLOB);
    static final Field<String> RECIPIENT = DSL.field(DSL.name("recipient"), SQLDataType.CLOB);
    static final Field<String> PAYLOAD = DSL.field(DSL.name("payload"), SQLDataType.CLOB);
    static final Field<String> STATUS = DSL.field(DSL.name("status"), SQLDataType.CLOB);
    static final Field<Integer> ATTEMPTS = DSL.field(DSL.name("attempts"), SQLDataType.INTEGER);
    static final Field<LocalDateTime> NEXT_ATTEMPT_AT = DSL.field(DSL.name("next_attempt_at"), SQLDataType.LOCALDATETIME);
    static final Field<String> LAST_ERROR = DSL.field(DSL.name("last_error"), SQLDataType.CLOB);
    static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);
    static final Field<LocalDateTime> SENT_AT = DSL.field(DSL.name("sent_at"), SQLDataType.LOCALDATETIME);

    private static final int MAX_ERROR_LENGTH = 1000;

    private MessageOutbox() {
    }

    /** A message as {@link Messenger} writes it. */
    record Entry(String channel, String purpose, Optional<String> userId, String recipient, String payload) {
    }

    /** A claimed row, as the worker sends it. */
    record Row(long id, String appId, String channel, String purpose, Optional<String> userId, String recipient,
               String payload, int attempts, Instant createdAt) {
    }

    static void insert(TenantScope tenant, Entry e, Instant now) {
        LocalDateTime at = utc(now);
        tenant.insertInto(TABLE)
                .set(CHANNEL_COLUMN, e.channel())
                .set(PURPOSE, e.purpose())
                .set(USER_ID, e.userId().orElse(null))
                .set(RECIPIENT, e.recipient())
                .set(PAYLOAD, e.payload())
                .set(STATUS, PENDING)
                .set(NEXT_ATTEMPT_AT, at)
                .set(CREATED_AT, at)
                .execute();
    }

    /** {@code NOTIFY} the workers; PostgreSQL delivers it when the transaction commits, if it does. */
    static void notifyWorkers(DSLContext trx, Database db) {
        trx.select(DSL.function("pg_notify", Object.class, DSL.val(CHANNEL), DSL.val(db.schema()))).fetch();
    }

    /**
     * Locks and returns the oldest due pending row of one of {@code appIds} in {@code db}, skipping
     * rows other transactions hold. The lock lasts until {@code trx} ends.
     */
    static Optional<Row> claimDue(DSLContext trx, Database db, Collection<String> appIds, Instant now) {
        if (appIds.isEmpty()) {
            return Optional.empty();
        }
        return trx.select(ID, APP_ID, CHANNEL_COLUMN, PURPOSE, USER_ID, RECIPIENT, PAYLOAD, ATTEMPTS, CREATED_AT)
                .from(db.table(TABLE))
                .where(STATUS.eq(PENDING).and(NEXT_ATTEMPT_AT.le(utc(now))).and(APP_ID.in(appIds)))
                .orderBy(NEXT_ATTEMPT_AT, ID)
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOptional(r -> new Row(r.get(ID), r.get(APP_ID), r.get(CHANNEL_COLUMN), r.get(PURPOSE),
                        Optional.ofNullable(r.get(USER_ID)), r.get(RECIPIENT), r.get(PAYLOAD), r.get(ATTEMPTS),
                        r.get(CREATED_AT).toInstant(ZoneOffset.UTC)));
    }

    static void markSent(DSLContext trx, Database db, Row row, Instant now) {
        settle(trx, db, row, Map.of(STATUS, SENT, ATTEMPTS, row.attempts() + 1, SENT_AT, utc(now), PAYLOAD, "{}"));
    }

    static void markRetry(DSLContext trx, Database db, Row row, Instant next, String error) {
        settle(trx, db, row, Map.of(ATTEMPTS, row.attempts() + 1, NEXT_ATTEMPT_AT, utc(next), LAST_ERROR, cut(error)));
    }

    static void markDead(DSLContext trx, Database db, Row row, String error) {
        settle(trx, db, row, Map.of(STATUS, DEAD, ATTEMPTS, row.attempts() + 1, LAST_ERROR, cut(error), PAYLOAD, "{}"));
    }

    /** Deletes sent and dead rows created before {@code cutoff}; returns how many. */
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
