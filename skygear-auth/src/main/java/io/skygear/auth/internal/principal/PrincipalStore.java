package io.skygear.auth.internal.principal;

import io.skygear.auth.internal.store.Columns;
import io.skygear.core.db.TenantScope;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.util.PSQLException;
import tools.jackson.core.type.TypeReference;

/**
 * Identities of one tenant: {@code _auth_principal} with its provider tables
 * ({@code _auth_provider_password}, {@code _auth_provider_oauth}, {@code _auth_provider_custom_token}).
 * Bind it to a transaction with {@code new PrincipalStore(db.tenant(appId).using(trx.dsl()))}.
 */
public final class PrincipalStore {

    public static final String LOGIN_ID_ALREADY_USED = "LoginIDAlreadyUsed";

    static final String PRINCIPAL_TABLE = "_auth_principal";
    static final String PASSWORD_TABLE = "_auth_provider_password";
    static final String OAUTH_TABLE = "_auth_provider_oauth";
    static final String CUSTOM_TOKEN_TABLE = "_auth_provider_custom_token";
    static final String LOGIN_ID_CONSTRAINT = "_auth_provider_password_login_id_normalized_realm";
    static final String OAUTH_CONSTRAINT = "_auth_provider_oauth_provider_user_id";
    static final String CUSTOM_TOKEN_CONSTRAINT = "_auth_provider_custom_token_token_principal_id_key";

    private static final Field<String> ID = DSL.field(DSL.name("id"), SQLDataType.VARCHAR);
    private static final Field<String> PROVIDER = DSL.field(DSL.name("provider"), SQLDataType.VARCHAR);
    private static final Field<String> USER_ID = DSL.field(DSL.name("user_id"), SQLDataType.VARCHAR);

    private static final Field<String> PRINCIPAL_ID = DSL.field(DSL.name("principal_id"), SQLDataType.VARCHAR);
    private static final Field<String> LOGIN_ID = DSL.field(DSL.name("login_id"), SQLDataType.VARCHAR);
    private static final Field<String> LOGIN_ID_KEY = DSL.field(DSL.name("login_id_key"), SQLDataType.VARCHAR);
    private static final Field<String> LOGIN_ID_NORMALIZED = DSL.field(DSL.name("login_id_normalized"), SQLDataType.VARCHAR);
    private static final Field<String> PASSWORD = DSL.field(DSL.name("password"), SQLDataType.VARCHAR);
    private static final Field<String> REALM = DSL.field(DSL.name("realm"), SQLDataType.VARCHAR);
    private static final Field<JSONB> CLAIMS = DSL.field(DSL.name("claims"), SQLDataType.JSONB);

    private static final Field<String> PROVIDER_TYPE = DSL.field(DSL.name("provider_type"), SQLDataType.VARCHAR);
    private static final Field<JSONB> PROVIDER_KEYS = DSL.field(DSL.name("provider_keys"), SQLDataType.JSONB);
    private static final Field<String> PROVIDER_USER_ID = DSL.field(DSL.name("provider_user_id"), SQLDataType.VARCHAR);
    private static final Field<JSONB> PROFILE = DSL.field(DSL.name("profile"), SQLDataType.JSONB);
    private static final Field<JSONB> TOKEN_RESPONSE = DSL.field(DSL.name("token_response"), SQLDataType.JSONB);
    private static final Field<LocalDateTime> CREATED_AT = DSL.field(DSL.name("_created_at"), SQLDataType.LOCALDATETIME);
    private static final Field<LocalDateTime> UPDATED_AT = DSL.field(DSL.name("_updated_at"), SQLDataType.LOCALDATETIME);
    private static final Field<String> TOKEN_PRINCIPAL_ID = DSL.field(DSL.name("token_principal_id"), SQLDataType.VARCHAR);
    private static final Field<JSONB> RAW_PROFILE = DSL.field(DSL.name("raw_profile"), SQLDataType.JSONB);

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final TenantScope tenant;

    public PrincipalStore(TenantScope tenant) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
    }

    /** 409 {@code AlreadyExists/LoginIDAlreadyUsed} "login ID is used by another user". */
    public static SkygearException loginIdAlreadyUsed() {
        return new SkygearException(ErrorName.ALREADY_EXISTS, LOGIN_ID_ALREADY_USED, "login ID is used by another user");
    }

    /**
     * Inserts a password identity. The folded login ID is unique per tenant and realm; a clash, even with
     * a concurrent transaction that commits first, is reported as {@link #loginIdAlreadyUsed()} (the
     * statement has failed, so the caller's transaction must roll back, which throwing does).
     */
    public void createPassword(PasswordPrincipal principal) {
        tenant.insertInto(PRINCIPAL_TABLE)
                .set(ID, principal.id())
                .set(PROVIDER, Identity.PASSWORD)
                .set(USER_ID, principal.userId())
                .execute();
        try {
            tenant.insertInto(PASSWORD_TABLE)
                    .set(PRINCIPAL_ID, principal.id())
                    .set(LOGIN_ID, principal.loginId())
                    .set(LOGIN_ID_KEY, principal.loginIdKey())
                    .set(LOGIN_ID_NORMALIZED, principal.loginIdNormalized())
                    .set(PASSWORD, principal.passwordHash())
                    .set(REALM, principal.realm())
                    .set(CLAIMS, json(principal.claims()))
                    .execute();
        } catch (DataAccessException e) {
            if (violates(e, LOGIN_ID_CONSTRAINT)) {
                throw loginIdAlreadyUsed();
            }
            throw e;
        }
    }

    /**
     * Password identities in {@code realm} matching any of the candidates, each a login ID key with the
     * login ID folded for that key's type.
     */
    public List<PasswordPrincipal> findPasswordByLoginId(Map<String, String> normalizedByKey, String realm) {
        if (normalizedByKey.isEmpty()) {
            return List.of();
        }
        Table<Record> principal = tenant.table(PRINCIPAL_TABLE).as("pr");
        Table<Record> password = tenant.table(PASSWORD_TABLE).as("pw");
        List<Condition> candidates = new ArrayList<>();
        normalizedByKey.forEach((key, normalized) -> candidates.add(
                Columns.of(password, LOGIN_ID_KEY).eq(key).and(Columns.of(password, LOGIN_ID_NORMALIZED).eq(normalized))));
        return selectPassword(principal, password, DSL.or(candidates), Columns.of(password, REALM).eq(realm));
    }

    /**
     * Inserts an OAuth identity. The provider user is unique per tenant, provider type and keys; a clash,
     * also with a concurrent transaction, is reported as {@link #alreadyLinked()}.
     */
    public void createOAuth(OAuthPrincipal principal, Instant now) {
        insertPrincipal(principal.id(), Identity.OAUTH, principal.userId());
        try {
            tenant.insertInto(OAUTH_TABLE)
                    .set(PRINCIPAL_ID, principal.id())
                    .set(PROVIDER_TYPE, principal.providerType())
                    .set(PROVIDER_KEYS, json(principal.providerKeys()))
                    .set(PROVIDER_USER_ID, principal.providerUserId())
                    .set(TOKEN_RESPONSE, json(principal.tokenResponse()))
                    .set(PROFILE, json(principal.profile()))
                    .set(CLAIMS, json(principal.claims()))
                    .set(CREATED_AT, utc(now))
                    .set(UPDATED_AT, utc(now))
                    .execute();
        } catch (DataAccessException e) {
            if (violates(e, OAUTH_CONSTRAINT)) {
                throw alreadyLinked();
            }
            throw e;
        }
    }

    /** The OAuth identity of this provider user, if linked to anyone. */
    public Optional<OAuthPrincipal> findOAuth(String providerType, Map<String, Object> providerKeys, String providerUserId) {
        return selectOAuth(PROVIDER_TYPE.eq(providerType), PROVIDER_KEYS.eq(json(providerKeys)),
                PROVIDER_USER_ID.eq(providerUserId)).stream().findFirst();
    }

    /** The user's OAuth identity at this provider, if any. */
    public Optional<OAuthPrincipal> findOAuthOfUser(String userId, String providerType, Map<String, Object> providerKeys) {
        return selectOAuth(PROVIDER_TYPE.eq(providerType), PROVIDER_KEYS.eq(json(providerKeys)),
                USER_ID.eq(userId)).stream().findFirst();
    }

    /** Keeps what the provider said at the latest login. */
    public void updateOAuth(String principalId, Map<String, Object> tokenResponse, Map<String, Object> profile,
                            Map<String, Object> claims, Instant now) {
        tenant.update(OAUTH_TABLE, Map.of(TOKEN_RESPONSE, json(tokenResponse), PROFILE, json(profile),
                CLAIMS, json(claims), UPDATED_AT, utc(now)), PRINCIPAL_ID.eq(principalId)).execute();
    }

    /** Inserts a custom-token identity; a {@code sub} already linked is reported as {@link #alreadyLinked()}. */
    public void createCustomToken(CustomTokenPrincipal principal) {
        insertPrincipal(principal.id(), Identity.CUSTOM_TOKEN, principal.userId());
        try {
            tenant.insertInto(CUSTOM_TOKEN_TABLE)
                    .set(PRINCIPAL_ID, principal.id())
                    .set(TOKEN_PRINCIPAL_ID, principal.tokenPrincipalId())
                    .set(RAW_PROFILE, json(principal.rawProfile()))
                    .set(CLAIMS, json(principal.claims()))
                    .execute();
        } catch (DataAccessException e) {
            if (violates(e, CUSTOM_TOKEN_CONSTRAINT)) {
                throw alreadyLinked();
            }
            throw e;
        }
    }

    /** The custom-token identity of the developer's user {@code sub}, if any. */
    public Optional<CustomTokenPrincipal> findCustomToken(String sub) {
        Record row = tenant.selectFrom(CUSTOM_TOKEN_TABLE, TOKEN_PRINCIPAL_ID.eq(sub)).fetchOne();
        if (row == null) {
            return Optional.empty();
        }
        return find(row.get(PRINCIPAL_ID)).map(identity -> new CustomTokenPrincipal(identity.id(), identity.userId(),
                sub, read(row.get(RAW_PROFILE)), read(row.get(CLAIMS))));
    }

    /** Keeps the claims of the latest token. */
    public void updateCustomToken(String principalId, Map<String, Object> rawProfile, Map<String, Object> claims) {
        tenant.update(CUSTOM_TOKEN_TABLE, Map.of(RAW_PROFILE, json(rawProfile), CLAIMS, json(claims)),
                PRINCIPAL_ID.eq(principalId)).execute();
    }

    /** Deletes an identity of any type with its provider row. */
    public void delete(String principalId) {
        for (String table : List.of(PASSWORD_TABLE, OAUTH_TABLE, CUSTOM_TOKEN_TABLE)) {
            tenant.deleteFrom(table, PRINCIPAL_ID.eq(principalId)).execute();
        }
        tenant.deleteFrom(PRINCIPAL_TABLE, ID.eq(principalId)).execute();
    }

    /** 401 {@code SSOFailed/AlreadyLinked} "user is already linked to this provider". */
    public static SkygearException alreadyLinked() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "SSOFailed", "user is already linked to this provider",
                Map.of("cause", Map.of("kind", "AlreadyLinked")));
    }

    private void insertPrincipal(String id, String provider, String userId) {
        tenant.insertInto(PRINCIPAL_TABLE)
                .set(ID, id)
                .set(PROVIDER, provider)
                .set(USER_ID, userId)
                .execute();
    }

    private List<OAuthPrincipal> selectOAuth(Condition... where) {
        Table<Record> principal = tenant.table(PRINCIPAL_TABLE).as("pr");
        Table<Record> oauth = tenant.table(OAUTH_TABLE).as("pv");
        return tenant.dsl()
                .select(Columns.of(oauth, PRINCIPAL_ID), Columns.of(principal, USER_ID), Columns.of(oauth, PROVIDER_TYPE),
                        Columns.of(oauth, PROVIDER_KEYS), Columns.of(oauth, PROVIDER_USER_ID),
                        Columns.of(oauth, TOKEN_RESPONSE), Columns.of(oauth, PROFILE), Columns.of(oauth, CLAIMS))
                .from(oauth)
                .join(principal).on(Columns.of(principal, ID).eq(Columns.of(oauth, PRINCIPAL_ID)),
                        tenant.condition(principal))
                .where(tenant.condition(oauth))
                .and(DSL.and(where))
                .orderBy(Columns.of(oauth, PRINCIPAL_ID))
                .fetch(r -> new OAuthPrincipal(r.get(PRINCIPAL_ID), r.get(USER_ID), r.get(PROVIDER_TYPE),
                        read(r.get(PROVIDER_KEYS)), r.get(PROVIDER_USER_ID), read(r.get(TOKEN_RESPONSE)),
                        read(r.get(PROFILE)), read(r.get(CLAIMS))));
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Every password identity of the user. */
    public List<PasswordPrincipal> listPasswordByUser(String userId) {
        Table<Record> principal = tenant.table(PRINCIPAL_TABLE).as("pr");
        Table<Record> password = tenant.table(PASSWORD_TABLE).as("pw");
        return selectPassword(principal, password, Columns.of(principal, USER_ID).eq(userId));
    }

    /** Replaces the password hash of one password identity. */
    public void updatePasswordHash(String principalId, String hash) {
        tenant.update(PASSWORD_TABLE, Map.of(PASSWORD, hash), PRINCIPAL_ID.eq(principalId)).execute();
    }

    /** The identity with this id, of any type; empty when this tenant has none. */
    public Optional<Identity> find(String principalId) {
        Record row = tenant.selectFrom(PRINCIPAL_TABLE, ID.eq(principalId)).fetchOne();
        if (row == null || row.get(USER_ID) == null) {
            return Optional.empty();
        }
        String userId = row.get(USER_ID);
        return switch (row.get(PROVIDER)) {
            case Identity.PASSWORD -> {
                Table<Record> principal = tenant.table(PRINCIPAL_TABLE).as("pr");
                Table<Record> password = tenant.table(PASSWORD_TABLE).as("pw");
                yield selectPassword(principal, password, Columns.of(principal, ID).eq(principalId)).stream()
                        .findFirst().map(PasswordPrincipal::toIdentity);
            }
            case Identity.OAUTH -> Optional.ofNullable(tenant.selectFrom(OAUTH_TABLE, PRINCIPAL_ID.eq(principalId)).fetchOne())
                    .map(r -> oauthIdentity(userId, r));
            case Identity.CUSTOM_TOKEN -> Optional.ofNullable(
                            tenant.selectFrom(CUSTOM_TOKEN_TABLE, PRINCIPAL_ID.eq(principalId)).fetchOne())
                    .map(r -> customTokenIdentity(userId, r));
            default -> Optional.empty();
        };
    }

    /**
     * Identities whose {@code email} claim is {@code email}: password identities of an e-mail key in
     * {@code realm} by their folded login ID ({@code foldedEmail}), OAuth and custom-token identities
     * compared case-insensitively. Signup's duplicate detection.
     */
    public List<Identity> findByEmailClaim(String email, String foldedEmail, String realm) {
        List<Identity> found = new ArrayList<>();
        Table<Record> principal = tenant.table(PRINCIPAL_TABLE).as("pr");
        Table<Record> password = tenant.table(PASSWORD_TABLE).as("pw");
        selectPassword(principal, password,
                Columns.of(password, LOGIN_ID_NORMALIZED).eq(foldedEmail),
                emailClaim(password).isNotNull(),
                Columns.of(password, REALM).eq(realm))
                .forEach(p -> found.add(p.toIdentity()));
        Table<Record> oauth = tenant.table(OAUTH_TABLE).as("pv");
        joinPrincipal(oauth, principal, List.of(PROVIDER_TYPE, PROVIDER_KEYS, PROVIDER_USER_ID, PROFILE, CLAIMS), email)
                .forEach(r -> found.add(oauthIdentity(r.get(USER_ID), r)));
        Table<Record> customToken = tenant.table(CUSTOM_TOKEN_TABLE).as("pv");
        joinPrincipal(customToken, principal, List.of(TOKEN_PRINCIPAL_ID, RAW_PROFILE, CLAIMS), email)
                .forEach(r -> found.add(customTokenIdentity(r.get(USER_ID), r)));
        return found;
    }

    /** Rows of a provider table whose e-mail claim is {@code email} (case-insensitive), with their user id. */
    private List<Record> joinPrincipal(Table<Record> provider, Table<Record> principal, List<Field<?>> columns,
                                       String email) {
        List<Field<?>> select = new ArrayList<>();
        select.add(Columns.of(provider, PRINCIPAL_ID));
        columns.forEach(c -> select.add(Columns.of(provider, c)));
        select.add(Columns.of(principal, USER_ID));
        return tenant.dsl().select(select)
                .from(provider)
                .join(principal).on(Columns.of(principal, ID).eq(Columns.of(provider, PRINCIPAL_ID)),
                        tenant.condition(principal))
                .where(tenant.condition(provider), DSL.lower(emailClaim(provider)).eq(DSL.lower(DSL.val(email))))
                .fetch();
    }

    private List<PasswordPrincipal> selectPassword(Table<Record> principal, Table<Record> password, Condition... where) {
        return tenant.dsl()
                .select(Columns.of(password, PRINCIPAL_ID), Columns.of(principal, USER_ID),
                        Columns.of(password, LOGIN_ID_KEY), Columns.of(password, LOGIN_ID),
                        Columns.of(password, LOGIN_ID_NORMALIZED), Columns.of(password, REALM),
                        Columns.of(password, PASSWORD), Columns.of(password, CLAIMS))
                .from(password)
                .join(principal).on(Columns.of(principal, ID).eq(Columns.of(password, PRINCIPAL_ID)),
                        tenant.condition(principal))
                .where(tenant.condition(password))
                .and(DSL.and(where))
                .orderBy(Columns.of(password, PRINCIPAL_ID))
                .fetch(r -> new PasswordPrincipal(
                        r.get(PRINCIPAL_ID),
                        r.get(USER_ID),
                        Objects.requireNonNullElse(r.get(LOGIN_ID_KEY), ""),
                        Objects.requireNonNullElse(r.get(LOGIN_ID), ""),
                        r.get(LOGIN_ID_NORMALIZED),
                        r.get(REALM),
                        r.get(PASSWORD),
                        read(r.get(CLAIMS))));
    }

    private static Identity oauthIdentity(String userId, Record row) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("provider_type", row.get(PROVIDER_TYPE));
        attributes.put("provider_keys", read(row.get(PROVIDER_KEYS)));
        attributes.put("provider_user_id", row.get(PROVIDER_USER_ID));
        attributes.put("raw_profile", read(row.get(PROFILE)));
        return new Identity(row.get(PRINCIPAL_ID), Identity.OAUTH, userId, attributes, read(row.get(CLAIMS)));
    }

    private static Identity customTokenIdentity(String userId, Record row) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("provider_user_id", row.get(TOKEN_PRINCIPAL_ID));
        attributes.put("raw_profile", read(row.get(RAW_PROFILE)));
        return new Identity(row.get(PRINCIPAL_ID), Identity.CUSTOM_TOKEN, userId, attributes, read(row.get(CLAIMS)));
    }

    private static Field<String> emailClaim(Table<Record> table) {
        return DSL.field("{0} ->> 'email'", String.class, Columns.of(table, CLAIMS));
    }

    private static boolean violates(DataAccessException e, String constraint) {
        return e.getCause(PSQLException.class) instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && constraint.equals(psql.getServerErrorMessage().getConstraint());
    }

    private static JSONB json(Map<String, ?> value) {
        return JSONB.valueOf(Json.mapper().writeValueAsString(value));
    }

    private static Map<String, Object> read(JSONB json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, Object> value = Json.mapper().readValue(json.data(), OBJECT);
        return value == null ? Map.of() : value;
    }
}
