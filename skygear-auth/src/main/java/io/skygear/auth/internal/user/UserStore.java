package io.skygear.auth.internal.user;

import io.skygear.auth.internal.store.Columns;
import io.skygear.core.db.TenantScope;
import io.skygear.core.http.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import tools.jackson.core.type.TypeReference;

/**
 * Users of one tenant: {@code _core_user} (status, verification, last login) and
 * {@code _auth_user_profile} (metadata). Bind it to a transaction with
 * {@code new UserStore(db.tenant(appId).using(trx.dsl()))}.
 */
public final class UserStore {

    static final String USER_TABLE = "_core_user";
    static final String PROFILE_TABLE = "_auth_user_profile";

    private static final Field<String> ID = DSL.field(DSL.name("id"), SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> LAST_SEEN_AT = DSL.field(DSL.name("last_seen_at"), SQLDataType.LOCALDATETIME);
    private static final Field<LocalDateTime> LAST_LOGIN_AT = DSL.field(DSL.name("last_login_at"), SQLDataType.LOCALDATETIME);
    private static final Field<Boolean> DISABLED = DSL.field(DSL.name("disabled"), SQLDataType.BOOLEAN);
    private static final Field<String> DISABLED_MESSAGE = DSL.field(DSL.name("disabled_message"), SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> DISABLED_EXPIRY = DSL.field(DSL.name("disabled_expiry"), SQLDataType.LOCALDATETIME);
    private static final Field<Boolean> VERIFIED = DSL.field(DSL.name("verified"), SQLDataType.BOOLEAN);
    private static final Field<JSONB> VERIFY_INFO = DSL.field(DSL.name("verify_info"), SQLDataType.JSONB);

    private static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);
    private static final Field<String> CREATED_BY = DSL.field(DSL.name("created_by"), SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> UPDATED_AT = DSL.field(DSL.name("updated_at"), SQLDataType.LOCALDATETIME);
    private static final Field<String> UPDATED_BY = DSL.field(DSL.name("updated_by"), SQLDataType.VARCHAR);
    private static final Field<JSONB> DATA = DSL.field(DSL.name("data"), SQLDataType.JSONB);

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    private static final TypeReference<Map<String, Boolean>> FLAGS = new TypeReference<>() {};

    private final TenantScope tenant;

    public UserStore(TenantScope tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    /** Inserts the user row and its profile (created by the user itself, as in the original). */
    public void create(User user) {
        tenant.insertInto(USER_TABLE)
                .set(ID, user.id())
                .set(LAST_SEEN_AT, user.lastSeenAt().map(UserStore::utc).orElse(null))
                .set(LAST_LOGIN_AT, user.lastLoginAt().map(UserStore::utc).orElse(null))
                .set(DISABLED, user.disabled())
                .set(DISABLED_MESSAGE, user.disabledMessage().orElse(null))
                .set(DISABLED_EXPIRY, user.disabledExpiry().map(UserStore::utc).orElse(null))
                .set(VERIFIED, user.verified())
                .set(VERIFY_INFO, json(user.verifyInfo()))
                .execute();
        tenant.insertInto(PROFILE_TABLE)
                .set(USER_ID, user.id())
                .set(CREATED_AT, utc(user.createdAt()))
                .set(CREATED_BY, user.id())
                .set(UPDATED_AT, utc(user.createdAt()))
                .set(UPDATED_BY, user.id())
                .set(DATA, json(user.metadata()))
                .execute();
    }

    /** The user with its profile; empty when this tenant has no such user. */
    public Optional<User> find(String userId) {
        Table<Record> user = tenant.table(USER_TABLE).as("u");
        Table<Record> profile = tenant.table(PROFILE_TABLE).as("p");
        Record row = tenant.dsl()
                .select(Columns.of(user, ID), Columns.of(user, LAST_SEEN_AT), Columns.of(user, LAST_LOGIN_AT),
                        Columns.of(user, DISABLED), Columns.of(user, DISABLED_MESSAGE), Columns.of(user, DISABLED_EXPIRY),
                        Columns.of(user, VERIFIED), Columns.of(user, VERIFY_INFO), Columns.of(profile, CREATED_AT),
                        Columns.of(profile, DATA))
                .from(user)
                .join(profile).on(Columns.of(profile, USER_ID).eq(Columns.of(user, ID)), tenant.condition(profile))
                .where(tenant.condition(user), Columns.of(user, ID).eq(userId))
                .fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        // the selected columns have distinct names, so the unqualified fields find them
        return Optional.of(new User(
                row.get(ID),
                instant(row.get(CREATED_AT)),
                Optional.ofNullable(row.get(LAST_LOGIN_AT)).map(UserStore::instant),
                Optional.ofNullable(row.get(LAST_SEEN_AT)).map(UserStore::instant),
                row.get(VERIFIED),
                row.get(DISABLED),
                Optional.ofNullable(row.get(DISABLED_MESSAGE)),
                Optional.ofNullable(row.get(DISABLED_EXPIRY)).map(UserStore::instant),
                read(row.get(VERIFY_INFO), FLAGS),
                read(row.get(DATA), OBJECT)));
    }

    /**
     * A session was created for the user: last login and last seen become {@code at}, and a disable
     * whose expiry has passed is cleared, as the original did on session creation.
     */
    public void recordLogin(User user, Instant at) {
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(LAST_LOGIN_AT, utc(at));
        values.put(LAST_SEEN_AT, utc(at));
        if (user.hasExpiredDisable(at)) {
            values.put(DISABLED, false);
            values.put(DISABLED_MESSAGE, null);
            values.put(DISABLED_EXPIRY, null);
        }
        tenant.update(USER_TABLE, values, ID.eq(user.id())).execute();
    }

    /** Replaces the whole metadata object. */
    public void updateMetadata(String userId, Map<String, Object> metadata, Instant at, String updatedBy) {
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(DATA, json(metadata));
        values.put(UPDATED_AT, utc(at));
        values.put(UPDATED_BY, updatedBy);
        tenant.update(PROFILE_TABLE, values, USER_ID.eq(userId)).execute();
    }

    /** Sets the disabled flag; enabling or disabling without them clears message and expiry. */
    public void updateDisabled(String userId, boolean disabled, Optional<String> message, Optional<Instant> expiry) {
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(DISABLED, disabled);
        values.put(DISABLED_MESSAGE, disabled ? message.orElse(null) : null);
        values.put(DISABLED_EXPIRY, disabled ? expiry.map(UserStore::utc).orElse(null) : null);
        tenant.update(USER_TABLE, values, ID.eq(userId)).execute();
    }

    /** Sets the verification status. */
    public void updateVerification(String userId, boolean verified, Map<String, Boolean> verifyInfo) {
        Map<Field<?>, Object> values = new HashMap<>();
        values.put(VERIFIED, verified);
        values.put(VERIFY_INFO, json(verifyInfo));
        tenant.update(USER_TABLE, values, ID.eq(userId)).execute();
    }

    private static JSONB json(Map<String, ?> value) {
        return JSONB.valueOf(Json.mapper().writeValueAsString(value));
    }

    private static <T> Map<String, T> read(JSONB json, TypeReference<Map<String, T>> type) {
        if (json == null) {
            return Map.of();
        }
        Map<String, T> value = Json.mapper().readValue(json.data(), type);
        return value == null ? Map.of() : new LinkedHashMap<>(value);
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}
