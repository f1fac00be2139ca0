package io.skygear.auth.internal.verify;

import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The table {@code _auth_verify_code}: one row per code sent; only the latest ({@code seq}) of each login ID counts. */
final class VerifyCodeStore {

    static final String TABLE = "_auth_verify_code";

    private static final Field<String> ID = DSL.field(DSL.name("id"), SQLDataType.CLOB);
    private static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), SQLDataType.CLOB);
    private static final Field<String> LOGIN_ID_KEY = DSL.field(DSL.name("login_id_key"), SQLDataType.CLOB);
    private static final Field<String> LOGIN_ID = DSL.field(DSL.name("login_id"), SQLDataType.CLOB);
    private static final Field<String> CODE = DSL.field(DSL.name("code"), SQLDataType.CLOB);
    private static final Field<Boolean> CONSUMED = DSL.field(DSL.name("consumed"), SQLDataType.BOOLEAN);
    private static final Field<Long> SEQ = DSL.field(DSL.name("seq"), SQLDataType.BIGINT);
    private static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);

    /** A stored code. */
    record Code(String id, String userId, String loginIdKey, String loginId, String code, boolean consumed, Instant createdAt) {
    }

    private final TenantScope tenant;

    VerifyCodeStore(TenantScope tenant) {
        this.tenant = tenant;
    }

    Code create(String userId, String loginIdKey, String loginId, String code, Instant now) {
        Code row = new Code(UUID.randomUUID().toString(), userId, loginIdKey, loginId, code, false, now);
        tenant.insertInto(TABLE)
                .set(ID, row.id())
                .set(USER_ID, userId)
                .set(LOGIN_ID_KEY, loginIdKey)
                .set(LOGIN_ID, loginId)
                .set(CODE, code)
                .set(CONSUMED, false)
                .set(CREATED_AT, LocalDateTime.ofInstant(now, ZoneOffset.UTC))
                .execute();
        return row;
    }

    /** The user's most recent code, locked until the transaction ends. */
    Optional<Code> latestForUpdate(String userId) {
        return latestPerLoginIdForUpdate(userId).stream().findFirst();
    }

    /**
     * The user's most recent code of each login ID, newest first, locked until the transaction ends
     * (with every older one, so that concurrent checks of one user queue up).
     */
    List<Code> latestPerLoginIdForUpdate(String userId) {
        Map<String, Code> latest = new LinkedHashMap<>();
        tenant.selectFrom(TABLE, USER_ID.eq(userId))
                .orderBy(SEQ.desc())
                .forUpdate()
                .fetch(r -> new Code(r.get(ID), r.get(USER_ID), r.get(LOGIN_ID_KEY), r.get(LOGIN_ID), r.get(CODE),
                        r.get(CONSUMED, Boolean.class), r.get(CREATED_AT, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .forEach(code -> latest.putIfAbsent(code.loginIdKey() + '\0' + code.loginId(), code));
        return List.copyOf(latest.values());
    }

    void consume(String id) {
        tenant.update(TABLE, java.util.Map.of(CONSUMED, true), ID.eq(id)).execute();
    }
}
