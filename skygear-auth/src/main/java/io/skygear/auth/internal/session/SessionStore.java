package io.skygear.auth.internal.session;

import io.skygear.core.db.TenantScope;
import io.skygear.core.http.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import tools.jackson.core.type.TypeReference;

/**
 * {@code _auth_session} rows of one app, through jOOQ with bind values. Bind it to a transaction with
 * {@code new SessionStore(db.tenant(appId).using(trx.dsl()))}.
 */
public final class SessionStore {

    static final String TABLE = "_auth_session";
    private static final String USER_TABLE = "_core_user";

    private static final Field<String> ID = field("id", SQLDataType.VARCHAR);
    private static final Field<String> CLIENT_ID = field("client_id", SQLDataType.VARCHAR);
    private static final Field<String> USER_ID = field("user_id", SQLDataType.VARCHAR);
    private static final Field<String> PRINCIPAL_ID = field("principal_id", SQLDataType.VARCHAR);
    private static final Field<String> PRINCIPAL_TYPE = field("principal_type", SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> PRINCIPAL_UPDATED_AT = field("principal_updated_at", SQLDataType.LOCALDATETIME);
    private static final Field<String> AUTHENTICATOR_ID = field("authenticator_id", SQLDataType.VARCHAR);
    private static final Field<String> AUTHENTICATOR_TYPE = field("authenticator_type", SQLDataType.VARCHAR);
    private static final Field<String> AUTHENTICATOR_OOB_CHANNEL = field("authenticator_oob_channel", SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> AUTHENTICATOR_UPDATED_AT = field("authenticator_updated_at", SQLDataType.LOCALDATETIME);
    private static final Field<JSONB> INITIAL_ACCESS = field("initial_access", SQLDataType.JSONB);
    private static final Field<JSONB> LAST_ACCESS = field("last_access", SQLDataType.JSONB);
    private static final Field<LocalDateTime> CREATED_AT = field("created_at", SQLDataType.LOCALDATETIME);
    private static final Field<LocalDateTime> ACCESSED_AT = field("accessed_at", SQLDataType.LOCALDATETIME);
    private static final Field<String> ACCESS_TOKEN_HASH = field("access_token_hash", SQLDataType.VARCHAR);
    private static final Field<String> REFRESH_TOKEN_HASH = field("refresh_token_hash", SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> ACCESS_TOKEN_CREATED_AT = field("access_token_created_at", SQLDataType.LOCALDATETIME);
    private static final Field<LocalDateTime> EXPIRE_AT = field("expire_at", SQLDataType.LOCALDATETIME);
    private static final List<Field<?>> SESSION_FIELDS = List.of(ID, CLIENT_ID, USER_ID, PRINCIPAL_ID, PRINCIPAL_TYPE,
            PRINCIPAL_UPDATED_AT, AUTHENTICATOR_ID, AUTHENTICATOR_TYPE, AUTHENTICATOR_OOB_CHANNEL,
            AUTHENTICATOR_UPDATED_AT, INITIAL_ACCESS, LAST_ACCESS, CREATED_AT, ACCESSED_AT, ACCESS_TOKEN_HASH,
            REFRESH_TOKEN_HASH, ACCESS_TOKEN_CREATED_AT);

    private static final Field<Boolean> VERIFIED = field("verified", SQLDataType.BOOLEAN);
    private static final Field<Boolean> DISABLED = field("disabled", SQLDataType.BOOLEAN);
    private static final Field<String> DISABLED_MESSAGE = field("disabled_message", SQLDataType.VARCHAR);
    private static final Field<LocalDateTime> DISABLED_EXPIRY = field("disabled_expiry", SQLDataType.LOCALDATETIME);

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final TenantScope scope;

    public SessionStore(TenantScope scope) {
        this.scope = scope;
    }

    public void insert(Session s, Instant expireAt) {
        var authenticator = s.authenticator();
        scope.insertInto(TABLE)
                .set(ID, s.id())
                .set(CLIENT_ID, s.clientId())
                .set(USER_ID, s.userId())
                .set(PRINCIPAL_ID, s.principalId())
                .set(PRINCIPAL_TYPE, s.principalType())
                .set(PRINCIPAL_UPDATED_AT, Timestamps.toColumn(s.principalUpdatedAt()))
                .set(AUTHENTICATOR_ID, authenticator.map(SessionAuthenticator::id).orElse(null))
                .set(AUTHENTICATOR_TYPE, authenticator.map(SessionAuthenticator::type).orElse(null))
                .set(AUTHENTICATOR_OOB_CHANNEL, authenticator.flatMap(SessionAuthenticator::oobChannel).orElse(null))
                .set(AUTHENTICATOR_UPDATED_AT, authenticator.map(a -> Timestamps.toColumn(a.updatedAt())).orElse(null))
                .set(INITIAL_ACCESS, jsonb(s.initialAccess()))
                .set(LAST_ACCESS, jsonb(s.lastAccess()))
                .set(CREATED_AT, Timestamps.toColumn(s.createdAt()))
                .set(ACCESSED_AT, Timestamps.toColumn(s.accessedAt()))
                .set(ACCESS_TOKEN_HASH, s.accessTokenHash())
                .set(REFRESH_TOKEN_HASH, s.refreshTokenHash().orElse(null))
                .set(ACCESS_TOKEN_CREATED_AT, Timestamps.toColumn(s.accessTokenCreatedAt()))
                .set(EXPIRE_AT, Timestamps.toColumn(expireAt))
                .execute();
    }

    public Optional<Session> find(String id) {
        return selectSessions(ID.eq(id)).fetchOptional().map(r -> session(r, scope.appId()));
    }

    /** The session and its user's state in one round trip; empty when either row is missing. */
    public Optional<ResolvedSession> findWithUser(String id) {
        Table<Record> s = scope.table(TABLE).as("s");
        Table<Record> u = scope.table(USER_TABLE).as("u");
        List<Field<?>> fields = new java.util.ArrayList<>(SESSION_FIELDS.stream().map(f -> in(s, f)).toList());
        fields.addAll(List.of(in(u, VERIFIED), in(u, DISABLED), in(u, DISABLED_MESSAGE), in(u, DISABLED_EXPIRY)));
        return scope.dsl().select(fields)
                .from(s)
                .join(u).on(in(u, ID).eq(in(s, USER_ID)), scope.condition(u))
                .where(scope.condition(s), in(s, ID).eq(id))
                .fetchOptional()
                .map(r -> {
                    Session session = session(r, scope.appId());
                    return new ResolvedSession(session, userStatus(session.userId(), r));
                });
    }

    /** The user's state alone, e.g. for a refresh; empty when the user row is gone. */
    public Optional<UserStatus> findUser(String userId) {
        Table<Record> u = scope.table(USER_TABLE);
        return scope.dsl().select(VERIFIED, DISABLED, DISABLED_MESSAGE, DISABLED_EXPIRY)
                .from(u)
                .where(scope.condition(u), ID.eq(userId))
                .fetchOptional()
                .map(r -> userStatus(userId, r));
    }

    /** A user's sessions, oldest first. */
    public List<Session> listByUser(String userId) {
        return selectSessions(USER_ID.eq(userId)).orderBy(CREATED_AT, ID).fetch()
                .map(r -> session(r, scope.appId()));
    }

    /**
     * Records an access, unless a later one is already stored or the token was replaced meanwhile.
     *
     * @return whether the row changed
     */
    public boolean updateAccess(String id, String accessTokenHash, AccessEvent event, Instant expireAt) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(ACCESSED_AT, Timestamps.toColumn(event.time()));
        values.put(LAST_ACCESS, jsonb(event));
        values.put(EXPIRE_AT, Timestamps.toColumn(expireAt));
        return scope.update(TABLE, values, ID.eq(id), ACCESS_TOKEN_HASH.eq(accessTokenHash),
                ACCESSED_AT.lt(Timestamps.toColumn(event.time()))).execute() == 1;
    }

    /** Replaces the access token's hash and issue time; false when the session is gone. */
    public boolean updateAccessToken(String id, String accessTokenHash, Instant createdAt, Instant expireAt) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(ACCESS_TOKEN_HASH, accessTokenHash);
        values.put(ACCESS_TOKEN_CREATED_AT, Timestamps.toColumn(createdAt));
        values.put(EXPIRE_AT, Timestamps.toColumn(expireAt));
        return scope.update(TABLE, values, ID.eq(id)).execute() == 1;
    }

    /** Records the MFA authenticator that completed the session; false when there is no such session. */
    public boolean updateAuthenticator(String id, SessionAuthenticator authenticator) {
        Map<Field<?>, Object> values = new LinkedHashMap<>();
        values.put(AUTHENTICATOR_ID, authenticator.id());
        values.put(AUTHENTICATOR_TYPE, authenticator.type());
        values.put(AUTHENTICATOR_OOB_CHANNEL, authenticator.oobChannel().orElse(null));
        values.put(AUTHENTICATOR_UPDATED_AT, Timestamps.toColumn(authenticator.updatedAt()));
        return scope.update(TABLE, values, ID.eq(id)).execute() == 1;
    }

    /** Deletes one session; false when there was none. */
    public boolean delete(String id) {
        return scope.deleteFrom(TABLE, ID.eq(id)).execute() == 1;
    }

    /** Deletes every session of {@code userId} except {@code keepId} and returns them. */
    public List<Session> deleteByUserExcept(String userId, String keepId) {
        return scope.deleteFrom(TABLE, USER_ID.eq(userId), ID.ne(keepId)).returning(SESSION_FIELDS).fetch()
                .map(r -> session(r, scope.appId()));
    }

    /** Deletes the sessions stored as expired before {@code before}; of one user, or all with null. */
    public int deleteExpired(String userId, Instant before) {
        var expired = EXPIRE_AT.lt(Timestamps.toColumn(before));
        return userId == null
                ? scope.deleteFrom(TABLE, expired).execute()
                : scope.deleteFrom(TABLE, USER_ID.eq(userId), expired).execute();
    }

    /** {@code pg_notify(channel, '<app_id>:<id>')} for each id; delivered when the transaction commits. */
    public void notify(String channel, Collection<String> sessionIds) {
        for (String id : sessionIds) {
            scope.dsl().select(pgNotify(channel, DSL.val(scope.appId() + ":" + id))).fetch();
        }
    }

    /** {@link #notify} for every session of {@code userId}, in one statement. */
    public void notifyUser(String channel, String userId) {
        Table<Record> s = scope.table(TABLE);
        scope.dsl().select(pgNotify(channel, DSL.val(scope.appId() + ":").concat(in(s, ID))))
                .from(s)
                .where(scope.condition(s), in(s, USER_ID).eq(userId))
                .fetch();
    }

    /** Typed columns (selectFrom would type them from the driver's metadata). */
    private SelectConditionStep<Record> selectSessions(Condition condition) {
        Table<Record> s = scope.table(TABLE);
        return scope.dsl().select(SESSION_FIELDS).from(s).where(scope.condition(s)).and(condition);
    }

    private static Field<Object> pgNotify(String channel, Field<String> payload) {
        // pg_notify returns void; only its side effect matters
        return DSL.function("pg_notify", Object.class, DSL.val(channel), payload);
    }

    private static Session session(Record r, String appId) {
        Optional<SessionAuthenticator> authenticator = Optional.ofNullable(r.get(AUTHENTICATOR_ID))
                .map(id -> new SessionAuthenticator(id, r.get(AUTHENTICATOR_TYPE),
                        Optional.ofNullable(r.get(AUTHENTICATOR_OOB_CHANNEL)),
                        Timestamps.fromColumn(r.get(AUTHENTICATOR_UPDATED_AT))));
        return new Session(
                r.get(ID),
                appId,
                r.get(CLIENT_ID),
                r.get(USER_ID),
                r.get(PRINCIPAL_ID),
                r.get(PRINCIPAL_TYPE),
                Timestamps.fromColumn(r.get(PRINCIPAL_UPDATED_AT)),
                authenticator,
                accessEvent(r.get(INITIAL_ACCESS)),
                accessEvent(r.get(LAST_ACCESS)),
                Timestamps.fromColumn(r.get(CREATED_AT)),
                Timestamps.fromColumn(r.get(ACCESSED_AT)),
                r.get(ACCESS_TOKEN_HASH),
                Optional.ofNullable(r.get(REFRESH_TOKEN_HASH)),
                Timestamps.fromColumn(r.get(ACCESS_TOKEN_CREATED_AT)));
    }

    private static UserStatus userStatus(String userId, Record r) {
        return new UserStatus(userId, Boolean.TRUE.equals(r.get(VERIFIED)), Boolean.TRUE.equals(r.get(DISABLED)),
                Optional.ofNullable(r.get(DISABLED_MESSAGE)),
                Optional.ofNullable(r.get(DISABLED_EXPIRY)).map(Timestamps::fromColumn));
    }

    private static JSONB jsonb(AccessEvent event) {
        return JSONB.valueOf(Json.mapper().writeValueAsString(event.toJson()));
    }

    private static AccessEvent accessEvent(JSONB value) {
        return AccessEvent.fromJson(Json.mapper().readValue(value.data(), OBJECT));
    }

    private static <T> Field<T> field(String name, DataType<T> type) {
        return DSL.field(DSL.name(name), type);
    }

    /** {@code field} qualified with {@code table}'s alias (or name). */
    private static <T> Field<T> in(Table<?> table, Field<T> field) {
        return DSL.field(table.getQualifiedName().append(field.getUnqualifiedName()), field.getDataType());
    }
}
