package io.skygear.auth.internal.message;

import static io.skygear.auth.internal.outbox.OutboxTable.APP_ID;
import static io.skygear.auth.internal.outbox.OutboxTable.ATTEMPTS;
import static io.skygear.auth.internal.outbox.OutboxTable.CREATED_AT;
import static io.skygear.auth.internal.outbox.OutboxTable.DEAD;
import static io.skygear.auth.internal.outbox.OutboxTable.ID;
import static io.skygear.auth.internal.outbox.OutboxTable.LAST_ERROR;
import static io.skygear.auth.internal.outbox.OutboxTable.NEXT_ATTEMPT_AT;
import static io.skygear.auth.internal.outbox.OutboxTable.PENDING;
import static io.skygear.auth.internal.outbox.OutboxTable.STATUS;
import static io.skygear.auth.internal.outbox.OutboxTable.cut;
import static io.skygear.auth.internal.outbox.OutboxTable.utc;

import io.skygear.auth.internal.outbox.OutboxTable;
import io.skygear.core.db.Database;
import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The table {@code _auth_message_outbox} (an {@link OutboxTable}): rendered messages written in the
 * sender's transaction, settled as sent (payload dropped), retried or dead.
 */
final class MessageOutbox {

    static final OutboxTable TABLE = new OutboxTable("_auth_message_outbox");

    static final String EMAIL = "email";
    static final String SMS = "sms";

    static final String SENT = "sent";

    static final Field<String> CHANNEL_COLUMN = DSL.field(DSL.name("channel"), SQLDataType.CLOB);
    static final Field<String> PURPOSE = DSL.field(DSL.name("purpose"), SQLDataType.CLOB);
    static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), SQLDataType.CLOB);
    static final Field<String> RECIPIENT = DSL.field(DSL.name("recipient"), SQLDataType.CLOB);
    static final Field<String> PAYLOAD = DSL.field(DSL.name("payload"), SQLDataType.CLOB);
    static final Field<LocalDateTime> SENT_AT = DSL.field(DSL.name("sent_at"), SQLDataType.LOCALDATETIME);

    private static final List<Field<?>> CLAIMED =
            List.of(ID, APP_ID, CHANNEL_COLUMN, PURPOSE, USER_ID, RECIPIENT, PAYLOAD, ATTEMPTS, CREATED_AT);

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
        tenant.insertInto(TABLE.name())
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
        TABLE.notifyWorkers(trx, db);
    }

    /** Those of {@code appIds} with due pending rows in {@code db}, the longest-waiting first (no locks). */
    static List<String> dueApps(Database db, Collection<String> appIds, Instant now) {
        if (appIds.isEmpty()) {
            return List.of();
        }
        return TABLE.dueApps(db.dsl(), db, now, APP_ID.in(appIds));
    }

    /** Locks and returns the oldest due pending row of {@code appId} in {@code db}, until {@code trx} ends. */
    static Optional<Row> claimDue(DSLContext trx, Database db, String appId, Instant now) {
        return TABLE.claimDue(trx, db, appId, now, CLAIMED,
                r -> new Row(r.get(ID), r.get(APP_ID), r.get(CHANNEL_COLUMN), r.get(PURPOSE),
                        Optional.ofNullable(r.get(USER_ID)), r.get(RECIPIENT), r.get(PAYLOAD), r.get(ATTEMPTS),
                        r.get(CREATED_AT).toInstant(ZoneOffset.UTC)));
    }

    static void markSent(DSLContext trx, Database db, Row row, Instant now) {
        TABLE.settle(trx, db, row.appId(), row.id(),
                Map.of(STATUS, SENT, ATTEMPTS, row.attempts() + 1, SENT_AT, utc(now), PAYLOAD, "{}"));
    }

    static void markRetry(DSLContext trx, Database db, Row row, Instant next, String error) {
        TABLE.markRetry(trx, db, row.appId(), row.id(), row.attempts() + 1, next, error);
    }

    static void markDead(DSLContext trx, Database db, Row row, String error) {
        TABLE.settle(trx, db, row.appId(), row.id(),
                Map.of(STATUS, DEAD, ATTEMPTS, row.attempts() + 1, LAST_ERROR, cut(error), PAYLOAD, "{}"));
    }

    /** Deletes sent and dead rows created before {@code cutoff}; returns how many. */
    static int purgeSettled(Database db, Instant cutoff) {
        return TABLE.purgeSettled(db, cutoff);
    }
}
