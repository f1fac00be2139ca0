package io.skygear.auth.internal.hook;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The table {@code _auth_hook_outbox} (an {@link OutboxTable}): rows written in the operation's
 * transaction, settled as delivered, retried or dead.
 */
final class HookOutbox {

    static final OutboxTable TABLE = new OutboxTable("_auth_hook_outbox");

    static final String DELIVERED = "delivered";

    static final Field<Long> SEQ = DSL.field(DSL.name("seq"), SQLDataType.BIGINT);
    static final Field<String> EVENT_TYPE = DSL.field(DSL.name("event_type"), SQLDataType.CLOB);
    static final Field<String> URL = DSL.field(DSL.name("url"), SQLDataType.CLOB);
    static final Field<String> BODY = DSL.field(DSL.name("body"), SQLDataType.CLOB);
    static final Field<String> SIGNATURE = DSL.field(DSL.name("signature"), SQLDataType.CLOB);
    static final Field<LocalDateTime> DELIVERED_AT = DSL.field(DSL.name("delivered_at"), SQLDataType.LOCALDATETIME);

    private static final List<Field<?>> CLAIMED =
            List.of(ID, APP_ID, SEQ, EVENT_TYPE, URL, BODY, SIGNATURE, ATTEMPTS, CREATED_AT);

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
            tenant.insertInto(TABLE.name())
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

    /** {@code NOTIFY} the workers at commit, which is exactly when the rows become visible. */
    static void notifyWorkers(DSLContext trx, Database db) {
        TABLE.notifyWorkers(trx, db);
    }

    /** The apps of {@code db} with due pending rows, the longest-waiting first (no locks). */
    static List<String> dueApps(Database db, Instant now) {
        return TABLE.dueApps(db.dsl(), db, now, DSL.noCondition());
    }

    /** Locks and returns the oldest due pending row of {@code appId} in {@code db}, until {@code trx} ends. */
    static Optional<Row> claimDue(DSLContext trx, Database db, String appId, Instant now) {
        return TABLE.claimDue(trx, db, appId, now, CLAIMED,
                r -> new Row(r.get(ID), r.get(APP_ID), r.get(SEQ), r.get(EVENT_TYPE), r.get(URL), r.get(BODY),
                        r.get(SIGNATURE), r.get(ATTEMPTS), r.get(CREATED_AT).toInstant(ZoneOffset.UTC)));
    }

    static void markDelivered(DSLContext trx, Database db, Row row, Instant now) {
        TABLE.settle(trx, db, row.appId(), row.id(),
                Map.of(STATUS, DELIVERED, ATTEMPTS, row.attempts() + 1, DELIVERED_AT, utc(now)));
    }

    static void markRetry(DSLContext trx, Database db, Row row, Instant next, String error) {
        TABLE.markRetry(trx, db, row.appId(), row.id(), row.attempts() + 1, next, error);
    }

    static void markDead(DSLContext trx, Database db, Row row, int attempts, String error) {
        TABLE.settle(trx, db, row.appId(), row.id(), Map.of(STATUS, DEAD, ATTEMPTS, attempts, LAST_ERROR, cut(error)));
    }

    /** Deletes delivered and dead rows created before {@code cutoff}; returns how many. */
    static int purgeSettled(Database db, Instant cutoff) {
        return TABLE.purgeSettled(db, cutoff);
    }
}
