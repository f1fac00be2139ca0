package io.skygear.auth.internal.mfa;

import io.skygear.core.db.TenantScope;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The MFA tables of §4: {@code _auth_authenticator} (one row per authenticator of any type, with its
 * user) and its TOTP, OOB, OOB code, recovery code and bearer token rows. Every statement is scoped to
 * the tenant; lookups by id are also scoped to the user, so another user's id is simply not found.
 */
public final class AuthenticatorStore {

    static final String AUTHENTICATOR = "_auth_authenticator";
    static final String TOTP = "_auth_authenticator_totp";
    static final String OOB = "_auth_authenticator_oob";
    static final String OOB_CODE = "_auth_authenticator_oob_code";
    static final String RECOVERY_CODE = "_auth_authenticator_recovery_code";
    static final String BEARER_TOKEN = "_auth_authenticator_bearer_token";

    static final String TYPE_RECOVERY_CODE = "recovery_code";
    static final String TYPE_BEARER_TOKEN = "bearer_token";

    private static final Field<String> ID = DSL.field(DSL.name("id"), SQLDataType.CLOB);
    private static final Field<String> TYPE = DSL.field(DSL.name("type"), SQLDataType.CLOB);
    private static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), SQLDataType.CLOB);
    private static final Field<Boolean> ACTIVATED = DSL.field(DSL.name("activated"), SQLDataType.BOOLEAN);
    private static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), SQLDataType.LOCALDATETIME);
    private static final Field<LocalDateTime> ACTIVATED_AT = DSL.field(DSL.name("activated_at"), SQLDataType.LOCALDATETIME);
    private static final Field<String> SECRET = DSL.field(DSL.name("secret"), SQLDataType.CLOB);
    private static final Field<String> DISPLAY_NAME = DSL.field(DSL.name("display_name"), SQLDataType.CLOB);
    private static final Field<Long> LAST_USED_STEP = DSL.field(DSL.name("last_used_step"), SQLDataType.BIGINT);
    private static final Field<String> CHANNEL = DSL.field(DSL.name("channel"), SQLDataType.CLOB);
    private static final Field<String> PHONE = DSL.field(DSL.name("phone"), SQLDataType.CLOB);
    private static final Field<String> EMAIL = DSL.field(DSL.name("email"), SQLDataType.CLOB);
    private static final Field<String> AUTHENTICATOR_ID = DSL.field(DSL.name("authenticator_id"), SQLDataType.CLOB);
    private static final Field<String> CODE = DSL.field(DSL.name("code"), SQLDataType.CLOB);
    private static final Field<String> SEALED_CODE = DSL.field(DSL.name("sealed_code"), SQLDataType.CLOB);
    private static final Field<Boolean> CONSUMED = DSL.field(DSL.name("consumed"), SQLDataType.BOOLEAN);
    private static final Field<String> PARENT_ID = DSL.field(DSL.name("parent_id"), SQLDataType.CLOB);
    private static final Field<String> TOKEN = DSL.field(DSL.name("token"), SQLDataType.CLOB);
    private static final Field<LocalDateTime> EXPIRE_AT = DSL.field(DSL.name("expire_at"), SQLDataType.LOCALDATETIME);

    /** A recovery code as stored: its hash, and a sealed copy when listing is enabled. */
    public record RecoveryCode(String id, String hash, Optional<String> sealed, boolean consumed, Instant createdAt) {
    }

    /** A bearer token as stored: its hash and the TOTP/OOB authenticator it was issued for. */
    public record BearerToken(String id, String parentId, String hash, Instant expireAt) {
    }

    /** An OOB code sent to an authenticator. */
    public record OobCode(String id, String authenticatorId, String code, Instant expireAt) {

        @Override
        public String toString() {
            return "OobCode[id=" + id + ", authenticatorId=" + authenticatorId + "]";
        }
    }

    private final TenantScope tenant;

    public AuthenticatorStore(TenantScope tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    // ---- TOTP and OOB

    /** The user's TOTP authenticators, activated or not, oldest first. */
    public List<TotpAuthenticator> listTotp(String userId) {
        return tenant.selectFrom(TOTP, ID.in(ofUser(userId, TotpAuthenticator.TYPE))).orderBy(CREATED_AT, ID)
                .fetch(r -> totp(r, userId));
    }

    /** The user's OOB authenticators, activated or not, oldest first. */
    public List<OobAuthenticator> listOob(String userId) {
        return tenant.selectFrom(OOB, ID.in(ofUser(userId, OobAuthenticator.TYPE))).orderBy(CREATED_AT, ID)
                .fetch(r -> oob(r, userId));
    }

    /** How many TOTP and OOB authenticators the user has activated. */
    public int countActivated(String userId) {
        return (int) (listTotp(userId).stream().filter(TotpAuthenticator::activated).count()
                + listOob(userId).stream().filter(OobAuthenticator::activated).count());
    }

    public void createTotp(TotpAuthenticator a) {
        insertParent(a.id(), TotpAuthenticator.TYPE, a.userId());
        tenant.insertInto(TOTP)
                .set(ID, a.id())
                .set(ACTIVATED, a.activated())
                .set(CREATED_AT, column(a.createdAt()))
                .set(ACTIVATED_AT, a.activatedAt().map(AuthenticatorStore::column).orElse(null))
                .set(SECRET, a.secret())
                .set(DISPLAY_NAME, a.displayName())
                .execute();
    }

    public void createOob(OobAuthenticator a) {
        insertParent(a.id(), OobAuthenticator.TYPE, a.userId());
        tenant.insertInto(OOB)
                .set(ID, a.id())
                .set(ACTIVATED, a.activated())
                .set(CREATED_AT, column(a.createdAt()))
                .set(ACTIVATED_AT, a.activatedAt().map(AuthenticatorStore::column).orElse(null))
                .set(CHANNEL, a.channel().wireName())
                .set(PHONE, a.phone())
                .set(EMAIL, a.email())
                .execute();
    }

    /** Activates an inactive TOTP authenticator; false when it is gone or already active. */
    public boolean activateTotp(String id, Instant now) {
        return tenant.update(TOTP, Map.of(ACTIVATED, true, ACTIVATED_AT, column(now)), ID.eq(id), ACTIVATED.isFalse())
                .execute() == 1;
    }

    /** Activates an inactive OOB authenticator; false when it is gone or already active. */
    public boolean activateOob(String id, Instant now) {
        return tenant.update(OOB, Map.of(ACTIVATED, true, ACTIVATED_AT, column(now)), ID.eq(id), ACTIVATED.isFalse())
                .execute() == 1;
    }

    /**
     * Records that the code of time step {@code step} was accepted for TOTP authenticator {@code id}, in one
     * atomic statement that only moves forward: false when that step (or a later one) was used already,
     * i.e. the code is being replayed.
     */
    public boolean useTotpStep(String id, long step) {
        return tenant.update(TOTP, Map.of(LAST_USED_STEP, step), ID.eq(id),
                LAST_USED_STEP.isNull().or(LAST_USED_STEP.lt(step))).execute() == 1;
    }

    /**
     * Deletes a TOTP or OOB authenticator with its bearer tokens and OOB codes.
     *
     * @return false when the user has no such authenticator
     */
    public boolean delete(String userId, String id) {
        Optional<String> type = tenant.selectFrom(AUTHENTICATOR, ID.eq(id), USER_ID.eq(userId),
                        TYPE.in(TotpAuthenticator.TYPE, OobAuthenticator.TYPE))
                .fetchOptional(r -> get(r, TYPE));
        if (type.isEmpty()) {
            return false;
        }
        List<String> tokens = tenant.deleteFrom(BEARER_TOKEN, PARENT_ID.eq(id)).returning(ID).fetch(r -> get(r, ID));
        if (!tokens.isEmpty()) {
            tenant.deleteFrom(AUTHENTICATOR, ID.in(tokens)).execute();
        }
        tenant.deleteFrom(OOB_CODE, AUTHENTICATOR_ID.eq(id)).execute();
        tenant.deleteFrom(type.get().equals(TotpAuthenticator.TYPE) ? TOTP : OOB, ID.eq(id)).execute();
        tenant.deleteFrom(AUTHENTICATOR, ID.eq(id)).execute();
        return true;
    }

    // ---- OOB codes

    public void createOobCode(String authenticatorId, String code, Instant now, Instant expireAt) {
        tenant.insertInto(OOB_CODE)
                .set(ID, UUID.randomUUID().toString())
                .set(AUTHENTICATOR_ID, authenticatorId)
                .set(CODE, code)
                .set(CREATED_AT, column(now))
                .set(EXPIRE_AT, column(expireAt))
                .execute();
    }

    /** The codes of the authenticators still valid at {@code now}, newest first; expired ones are deleted. */
    public List<OobCode> validOobCodes(List<String> authenticatorIds, Instant now) {
        if (authenticatorIds.isEmpty()) {
            return List.of();
        }
        tenant.deleteFrom(OOB_CODE, AUTHENTICATOR_ID.in(authenticatorIds), EXPIRE_AT.le(column(now))).execute();
        return tenant.selectFrom(OOB_CODE, AUTHENTICATOR_ID.in(authenticatorIds))
                .orderBy(CREATED_AT.desc(), ID)
                .fetch(r -> new OobCode(get(r, ID), get(r, AUTHENTICATOR_ID), get(r, CODE), instant(get(r, EXPIRE_AT))));
    }

    /** Deletes a code once used; false when another request used it first. */
    public boolean consumeOobCode(String id) {
        return tenant.deleteFrom(OOB_CODE, ID.eq(id)).execute() == 1;
    }

    // ---- recovery codes

    public List<RecoveryCode> listRecoveryCodes(String userId) {
        return tenant.selectFrom(RECOVERY_CODE, ID.in(ofUser(userId, TYPE_RECOVERY_CODE))).orderBy(CREATED_AT, ID)
                .fetch(r -> new RecoveryCode(get(r, ID), get(r, CODE), Optional.ofNullable(get(r, SEALED_CODE)),
                        get(r, CONSUMED), instant(get(r, CREATED_AT))));
    }

    /** Replaces all of the user's recovery codes by {@code codes} (hash and optional sealed copy each). */
    public void replaceRecoveryCodes(String userId, List<RecoveryCode> codes, Instant now) {
        deleteRecoveryCodes(userId);
        for (RecoveryCode code : codes) {
            insertParent(code.id(), TYPE_RECOVERY_CODE, userId);
            tenant.insertInto(RECOVERY_CODE)
                    .set(ID, code.id())
                    .set(CODE, code.hash())
                    .set(SEALED_CODE, code.sealed().orElse(null))
                    .set(CREATED_AT, column(now))
                    .set(CONSUMED, false)
                    .execute();
        }
    }

    /** Marks a code used; false when it was used already (also by a concurrent request). */
    public boolean consumeRecoveryCode(String id) {
        return tenant.update(RECOVERY_CODE, Map.of(CONSUMED, true), ID.eq(id), CONSUMED.isFalse()).execute() == 1;
    }

    public void deleteRecoveryCodes(String userId) {
        List<String> ids = tenant.deleteFrom(RECOVERY_CODE, ID.in(ofUser(userId, TYPE_RECOVERY_CODE)))
                .returning(ID).fetch(r -> get(r, ID));
        if (!ids.isEmpty()) {
            tenant.deleteFrom(AUTHENTICATOR, ID.in(ids)).execute();
        }
    }

    // ---- bearer tokens

    public void createBearerToken(String userId, String parentId, String hash, Instant now, Instant expireAt) {
        String id = UUID.randomUUID().toString();
        insertParent(id, TYPE_BEARER_TOKEN, userId);
        tenant.insertInto(BEARER_TOKEN)
                .set(ID, id)
                .set(PARENT_ID, parentId)
                .set(TOKEN, hash)
                .set(CREATED_AT, column(now))
                .set(EXPIRE_AT, column(expireAt))
                .execute();
    }

    /** The user's bearer tokens valid at {@code now}; expired ones are deleted first. */
    public List<BearerToken> validBearerTokens(String userId, Instant now) {
        deleteBearerTokens(userId, EXPIRE_AT.le(column(now)));
        return tenant.selectFrom(BEARER_TOKEN, ID.in(ofUser(userId, TYPE_BEARER_TOKEN)))
                .fetch(r -> new BearerToken(get(r, ID), get(r, PARENT_ID), get(r, TOKEN), instant(get(r, EXPIRE_AT))));
    }

    /** Deletes every bearer token of the user. */
    public void deleteBearerTokens(String userId) {
        deleteBearerTokens(userId, DSL.noCondition());
    }

    private void deleteBearerTokens(String userId, Condition condition) {
        List<String> ids = tenant.deleteFrom(BEARER_TOKEN, ID.in(ofUser(userId, TYPE_BEARER_TOKEN)), condition)
                .returning(ID).fetch(r -> get(r, ID));
        if (!ids.isEmpty()) {
            tenant.deleteFrom(AUTHENTICATOR, ID.in(ids)).execute();
        }
    }

    // ---- helpers

    private void insertParent(String id, String type, String userId) {
        tenant.insertInto(AUTHENTICATOR).set(ID, id).set(TYPE, type).set(USER_ID, userId).execute();
    }

    /** {@code SELECT id FROM _auth_authenticator WHERE app_id = ? AND user_id = ? AND type = ?}. */
    private Select<Record1<String>> ofUser(String userId, String type) {
        Table<Record> parent = tenant.table(AUTHENTICATOR);
        return tenant.dsl().select(ID).from(parent).where(tenant.condition(parent)).and(USER_ID.eq(userId))
                .and(TYPE.eq(type));
    }

    private static TotpAuthenticator totp(Record r, String userId) {
        return new TotpAuthenticator(get(r, ID), userId, get(r, ACTIVATED), instant(get(r, CREATED_AT)),
                Optional.ofNullable(get(r, ACTIVATED_AT)).map(AuthenticatorStore::instant), get(r, SECRET),
                get(r, DISPLAY_NAME));
    }

    private static OobAuthenticator oob(Record r, String userId) {
        return new OobAuthenticator(get(r, ID), userId, get(r, ACTIVATED), instant(get(r, CREATED_AT)),
                Optional.ofNullable(get(r, ACTIVATED_AT)).map(AuthenticatorStore::instant),
                OobChannel.fromWire(get(r, CHANNEL)).orElseThrow(), get(r, PHONE), get(r, EMAIL));
    }

    /** A column by name, converted to the field's type (tables are known by name only). */
    private static <T> T get(Record r, Field<T> field) {
        return r.get(field.getName(), field.getType());
    }

    private static LocalDateTime column(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC);
    }
}
