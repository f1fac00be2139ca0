package io.skygear.assets.internal.store;

import io.skygear.core.db.Database;
import io.skygear.core.db.TenantScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code _asset_object} of one app: name reservations, stored sizes (the quota's usage) and the
 * tenant-scoped list. Every statement goes through {@link TenantScope}, so it carries {@code app_id}.
 */
public final class AssetObjects {

    static final String TABLE = "_asset_object";
    static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.CLOB);
    static final Field<Long> SIZE = DSL.field(DSL.name("size"), SQLDataType.BIGINT);
    static final Field<String> CONTENT_TYPE = DSL.field(DSL.name("content_type"), SQLDataType.CLOB);
    static final Field<String> ACCESS = DSL.field(DSL.name("access"), SQLDataType.CLOB);
    static final Field<String> STATE = DSL.field(DSL.name("state"), SQLDataType.CLOB);
    static final Field<String> OWNER_ID = DSL.field(DSL.name("owner_id"), SQLDataType.CLOB);
    static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);
    static final Field<LocalDateTime> EXPIRES_AT = DSL.field(DSL.name("expires_at"), SQLDataType.LOCALDATETIME);
    private static final String PENDING = "pending";
    private static final String STORED = "stored";

    private final TenantScope app;

    private AssetObjects(TenantScope app) {
        this.app = app;
    }

    public static AssetObjects of(Database database, String appId) {
        return new AssetObjects(database.tenant(appId));
    }

    /** The same app inside a transaction. */
    public AssetObjects using(DSLContext trx) {
        return new AssetObjects(app.using(trx));
    }

    /**
     * Serialises the app's reservations until the transaction ends, so that checking the quota and
     * inserting the row cannot interleave with another upload of the same app.
     */
    public void lockApp() {
        app.dsl().execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", TABLE + ":" + app.appId());
    }

    public Optional<AssetRow> find(String name) {
        return app.selectFrom(TABLE, NAME.eq(name)).fetchOptional().map(AssetObjects::row);
    }

    /** Bytes stored or reserved by the app. */
    public long usage() {
        org.jooq.Table<Record> table = app.table(TABLE);
        BigDecimal sum = app.dsl().select(DSL.sum(SIZE)).from(table).where(app.condition(table))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? 0 : sum.longValueExact();
    }

    public void insertPending(String name, long size, String contentType, String access, Optional<String> ownerId,
            Instant now, Instant expiresAt) {
        app.insertInto(TABLE)
                .set(NAME, name)
                .set(SIZE, size)
                .set(CONTENT_TYPE, contentType)
                .set(ACCESS, access)
                .set(STATE, PENDING)
                .set(OWNER_ID, ownerId.orElse(null))
                .set(CREATED_AT, utc(now))
                .set(EXPIRES_AT, utc(expiresAt))
                .execute();
    }

    /** Records an object seen in storage: the row becomes (or is created as) stored with its real size. */
    public void markStored(String name, long size, String contentType, String access, Instant now) {
        app.insertInto(TABLE)
                .set(NAME, name)
                .set(SIZE, size)
                .set(CONTENT_TYPE, contentType)
                .set(ACCESS, access)
                .set(STATE, STORED)
                .set(CREATED_AT, utc(now))
                .setNull(EXPIRES_AT)
                .onConflict(DSL.field(DSL.name(TenantScope.APP_ID)), NAME)
                .doUpdate()
                .set(SIZE, size)
                .set(CONTENT_TYPE, contentType)
                .set(ACCESS, access)
                .set(STATE, STORED)
                .setNull(EXPIRES_AT)
                .execute();
    }

    public void delete(String name) {
        app.deleteFrom(TABLE, NAME.eq(name)).execute();
    }

    /** Pending rows, oldest first, for reconciling against storage. */
    public List<AssetRow> pending(int limit) {
        return app.selectFrom(TABLE, STATE.eq(PENDING)).orderBy(EXPIRES_AT, NAME).limit(limit).fetch()
                .map(AssetObjects::row);
    }

    /** Stored rows whose name starts with {@code prefix}, after {@code after}, in name order. */
    public List<AssetRow> listStored(String prefix, Optional<String> after, int limit) {
        return app.selectFrom(TABLE, STATE.eq(STORED), NAME.startsWith(prefix),
                        after.map(NAME::gt).orElse(DSL.noCondition()))
                .orderBy(NAME).limit(limit).fetch().map(AssetObjects::row);
    }

    private static AssetRow row(Record r) {
        // selectFrom on a plain table yields JDBC types: convert by name
        return new AssetRow(r.get(NAME.getName(), String.class), r.get(SIZE.getName(), Long.class),
                r.get(CONTENT_TYPE.getName(), String.class), r.get(ACCESS.getName(), String.class),
                STORED.equals(r.get(STATE.getName(), String.class)),
                Optional.ofNullable(r.get(EXPIRES_AT.getName(), LocalDateTime.class)).map(t -> t.toInstant(ZoneOffset.UTC)));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
