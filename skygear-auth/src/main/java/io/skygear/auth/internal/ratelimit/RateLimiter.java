package io.skygear.auth.internal.ratelimit;

import io.skygear.auth.AuthSettings;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.tenant.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Fixed-window rate limits shared by every node through PostgreSQL (deviation 9). Each
 * {@link #acquire} is one atomic {@code INSERT … ON CONFLICT DO UPDATE … RETURNING} on
 * {@code _auth_rate_limit}: it opens a window at the first attempt (or when the last one has
 * passed) and counts every attempt in it, refused ones included; attempt number {@code permits + 1}
 * and later are refused until the window ends. Concurrent acquirers serialise on the row, so the
 * limit holds exactly across threads and nodes. It runs outside the caller's transaction: a failed
 * login rolls back, its attempt still counts.
 *
 * <p><b>Keys.</b> The subject (a folded login ID, an IP address) is stored only as
 * HMAC-SHA256(tenant's {@code auth.authentication_session.secret}, bucket + key): the table never
 * holds raw login IDs, and a row is deleted once its window has passed (every
 * {@value #PURGE_EVERY} acquires of a node, or by {@link #purgeExpired}). Rotating that secret
 * resets the counters.
 *
 * <p>Buckets are short fixed names such as {@code login:id} or {@code login:ip}. Thread-safe.
 */
public final class RateLimiter {

    static final String TABLE = "_auth_rate_limit";
    static final int PURGE_EVERY = 1000;

    private static final Field<String> BUCKET = DSL.field(DSL.name("bucket"), SQLDataType.CLOB);
    private static final Field<String> KEY = DSL.field(DSL.name("key"), SQLDataType.CLOB);
    private static final Field<String> APP_ID = DSL.field(DSL.name("app_id"), SQLDataType.CLOB);
    private static final Field<LocalDateTime> WINDOW_START = DSL.field(DSL.name("window_start"), SQLDataType.LOCALDATETIME);
    private static final Field<Integer> COUNT = DSL.field(DSL.name("count"), SQLDataType.INTEGER);
    private static final Field<LocalDateTime> EXPIRES_AT = DSL.field(DSL.name("expires_at"), SQLDataType.LOCALDATETIME);

    private final DatabaseResolver databases;
    private final Clock clock;
    private final AtomicLong acquires = new AtomicLong();

    public RateLimiter(DatabaseResolver databases, Clock clock) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Counts one attempt of {@code key} in {@code bucket}.
     *
     * @throws RateLimitExceeded 429 when the attempt is over {@code limit.permits()} in the current window
     */
    public void acquire(TenantContext tenant, String bucket, String key, AuthSettings.RateLimit limit) {
        Objects.requireNonNull(key, "key");
        if (bucket == null || bucket.isBlank() || bucket.length() > 100) {
            throw new IllegalArgumentException("bucket must be 1 to 100 characters: " + bucket);
        }
        if (limit.permits() < 1 || limit.window().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("rate limit needs at least 1 permit and a window of 1 s: " + limit);
        }
        Database db = databases.forTenant(tenant);
        Instant now = clock.instant();
        LocalDateTime start = utc(now);
        LocalDateTime end = utc(now.plus(limit.window()));

        // the stored row, qualified so that it is not confused with EXCLUDED (the proposed row)
        Field<LocalDateTime> storedEnd = stored(db, EXPIRES_AT);
        Condition windowOver = storedEnd.le(DSL.val(start));
        Record2<Integer, LocalDateTime> counted = db.tenant(tenant.appId()).insertInto(TABLE)
                .set(BUCKET, bucket)
                .set(KEY, hash(tenant, bucket, key))
                .set(WINDOW_START, start)
                .set(COUNT, 1)
                .set(EXPIRES_AT, end)
                .onConflict(APP_ID, BUCKET, KEY)
                .doUpdate()
                .set(WINDOW_START, DSL.when(windowOver, DSL.excluded(WINDOW_START)).otherwise(stored(db, WINDOW_START)))
                .set(COUNT, DSL.when(windowOver, DSL.inline(1))
                        .otherwise(DSL.least(stored(db, COUNT).plus(1), DSL.inline(Integer.MAX_VALUE))))
                .set(EXPIRES_AT, DSL.when(windowOver, DSL.excluded(EXPIRES_AT)).otherwise(storedEnd))
                .returningResult(COUNT, EXPIRES_AT)
                .fetchOne();

        if (acquires.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired(tenant);
        }
        if (counted.value1() > limit.permits()) {
            Instant resetAt = counted.value2().toInstant(ZoneOffset.UTC);
            throw new RateLimitExceeded(bucket, Duration.between(now, resetAt));
        }
    }

    /** Deletes the tenant's counters whose window has passed; returns how many. */
    public int purgeExpired(TenantContext tenant) {
        return databases.forTenant(tenant).tenant(tenant.appId())
                .deleteFrom(TABLE, EXPIRES_AT.le(utc(clock.instant())))
                .execute();
    }

    private static <T> Field<T> stored(Database db, Field<T> column) {
        return DSL.field(DSL.name(db.schema(), TABLE, column.getName()), column.getDataType());
    }

    private static String hash(TenantContext tenant, String bucket, String key) {
        String secret = tenant.config().userConfig().auth().authenticationSession().secret();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("ratelimit:" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((bucket + '\0' + key).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
