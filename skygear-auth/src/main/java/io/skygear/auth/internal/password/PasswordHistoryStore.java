package io.skygear.auth.internal.password;

import io.skygear.core.db.TenantScope;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Past password hashes of a tenant's users ({@code _auth_password_history}), for the policy's history
 * rule. The <em>window</em> is the longer of the last {@code historySize} entries and the entries logged
 * since the start of today (UTC) minus {@code historyDays} days; housekeeping deletes what is older than
 * the window. Timestamps come from the injected clock and are stored as UTC.
 *
 * <p>Bind it to a transaction with {@code new PasswordHistoryStore(db.tenant(appId).using(trx.dsl()), clock)}.
 */
public final class PasswordHistoryStore {

    static final String TABLE = "_auth_password_history";
    private static final Field<String> ID = DSL.field(DSL.name("id"), String.class);
    private static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), String.class);
    private static final Field<String> PASSWORD = DSL.field(DSL.name("password"), String.class);
    private static final Field<LocalDateTime> LOGGED_AT = DSL.field(DSL.name("logged_at"), LocalDateTime.class);

    private final TenantScope tenant;
    private final Clock clock;

    public PasswordHistoryStore(TenantScope tenant, Clock clock) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records {@code hash} as the user's password as of now. */
    public void record(String userId, String hash) {
        tenant.insertInto(TABLE)
                .set(ID, UUID.randomUUID().toString())
                .set(USER_ID, userId)
                .set(PASSWORD, hash)
                .set(LOGGED_AT, now())
                .execute();
    }

    /** The hashes in the user's history window, newest first; empty when both limits are 0. */
    public List<String> window(String userId, int historySize, int historyDays) {
        return entries(userId, historySize, historyDays).stream().map(e -> e.get(PASSWORD.getName(), String.class))
                .toList();
    }

    /** Deletes the user's entries older than the window; a no-op when the window is empty. */
    public int housekeep(String userId, int historySize, int historyDays) {
        List<Record> window = entries(userId, historySize, historyDays);
        if (window.isEmpty()) {
            return 0;
        }
        // selectFrom gives the table's own column types: convert by name
        LocalDateTime oldest = window.getLast().get(LOGGED_AT.getName(), LocalDateTime.class);
        List<String> keep = window.stream().map(e -> e.get(ID.getName(), String.class)).toList();
        return tenant.deleteFrom(TABLE, USER_ID.eq(userId), ID.notIn(keep), LOGGED_AT.lt(oldest)).execute();
    }

    private List<Record> entries(String userId, int historySize, int historyDays) {
        List<Record> bySize = historySize > 0 ? query(userId, DSL.noCondition(), historySize) : List.of();
        List<Record> byDays = List.of();
        if (historyDays > 0) {
            LocalDateTime since = now().truncatedTo(ChronoUnit.DAYS).minusDays(historyDays);
            byDays = query(userId, LOGGED_AT.ge(since), 0);
        }
        return bySize.size() > byDays.size() ? bySize : byDays;
    }

    private List<Record> query(String userId, Condition condition, int limit) {
        var select = tenant.selectFrom(TABLE, USER_ID.eq(userId), condition).orderBy(LOGGED_AT.desc(), ID.desc());
        return new ArrayList<>(limit > 0 ? select.limit(limit).fetch() : select.fetch());
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
