package io.skygear.auth.internal.session;

import io.skygear.auth.AuthSettings;
import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.auth.internal.user.User;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKey;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;

/**
 * Sessions: issue, check, refresh, rotate, revoke, list (§5). Sessions live in {@code _auth_session}
 * with hashed tokens; token checks ({@link #resolve}) are served from an in-process cache.
 *
 * <p><b>Revocation across nodes.</b> Every change that invalidates a token (revoke, revoke all, logout,
 * refresh, rotation) and every user change made known through {@link #evictUser} sends
 * {@code pg_notify('skygear_session_revoked', '<app_id>:<session_id>')} in the caller's transaction, so
 * PostgreSQL delivers it exactly when the change commits (and never for a rollback). Each node listens
 * per database and evicts the named sessions; the local cache is evicted at once as well. Staleness
 * bounds: while the listener is connected, about the notification latency (well under a second); while
 * it is known to be disconnected, none (the cache is bypassed, and flushed on reconnect); when the
 * connection died silently, at most until the keepalive notices it, and never beyond
 * {@link SessionSettings#cacheTtl()} after the entry was loaded.
 *
 * <p><b>Access recording.</b> {@code accessed_at} and {@code last_access} move in memory on every
 * check and reach the database asynchronously, at most once per
 * {@link SessionSettings#accessWriteInterval()} per session; so a hot token costs no round trip.
 *
 * <p>Thread-safe. {@link #close()} stops the listeners and the access writer.
 */
public final class SessionService implements AutoCloseable {

    /** The NOTIFY channel of revocations. */
    public static final String REVOCATION_CHANNEL = RevocationListener.CHANNEL;

    private final DatabaseResolver databases;
    private final Clock clock;
    private final SessionSettings settings;
    private final SessionCache cache;
    private final AuthMetrics metrics;
    private final AccessWriter writer = new AccessWriter();
    private final Map<DataSource, RevocationListener> listeners = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Sessions with the host's settings ({@link AuthSettings#sessionCacheTtl()}) and default cache knobs. */
    public SessionService(DatabaseResolver databases, Clock clock, AuthSettings settings) {
        this(databases, clock, new SessionSettings(settings.sessionCacheTtl(),
                SessionSettings.DEFAULTS.cacheMaxEntries(), SessionSettings.DEFAULTS.accessWriteInterval()));
    }

    public SessionService(DatabaseResolver databases, Clock clock, SessionSettings settings) {
        this(databases, clock, settings, AuthMetrics.none());
    }

    public SessionService(DatabaseResolver databases, Clock clock, SessionSettings settings, AuthMetrics metrics) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cache = new SessionCache(settings);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Opens a session in the caller's transaction and returns it with its tokens (a refresh token unless
     * the client disables them). Also deletes the user's sessions that expired long ago.
     *
     * @throws SkygearException 401 {@code AccessKeyNotAccepted} when the client is not configured
     */
    public IssuedSession create(TenantContext t, DSLContext trx, SessionCreation c) {
        ClientConfig client = t.config().userConfig().client(c.clientId())
                .orElseThrow(() -> new SkygearException(ErrorName.UNAUTHORIZED, "AccessKeyNotAccepted", "API key required"));
        Instant now = Timestamps.micros(clock.instant());
        String id = UUID.randomUUID().toString();
        String accessToken = SessionTokens.generate(id);
        Optional<String> refreshToken = client.refreshTokenDisabled()
                ? Optional.empty()
                : Optional.of(SessionTokens.generate(id));
        Session session = new Session(id, t.appId(), c.clientId(), c.userId(), c.principalId(), c.principalType(),
                c.principalUpdatedAt(), c.authenticator(), c.accessEvent(), c.accessEvent(), now, now,
                SessionTokens.hash(accessToken), refreshToken.map(SessionTokens::hash), now);
        SessionStore store = store(t, trx);
        store.deleteExpired(c.userId(), housekeepingCutoff(now));
        store.insert(session, SessionExpiry.storageExpiry(session, client));
        return new IssuedSession(session, accessToken, refreshToken);
    }

    /**
     * The session of a valid access token; see {@link #authenticate} for the checks.
     */
    public Optional<Session> resolve(TenantContext t, String accessToken, TokenTransport transport, AccessKey key,
            AccessEvent event) {
        return authenticate(t, accessToken, transport, key, event).map(ResolvedSession::session);
    }

    /**
     * Checks an access token (§5.2) and records the access: well-formed; its hash matches the stored one
     * (constant time); the session's client is still configured; an API key, if presented, is that
     * client's; the token came by the client's {@code session_transport}; not expired (§5.3); the user row
     * exists. Empty when any check fails. Returns the user's state too (whether disabled is for the caller
     * to decide, as in the original).
     */
    public Optional<ResolvedSession> authenticate(TenantContext t, String accessToken, TokenTransport transport,
            AccessKey key, AccessEvent event) {
        Optional<String> sessionId = SessionTokens.sessionId(accessToken);
        if (sessionId.isEmpty()) {
            return Optional.empty();
        }
        String hash = SessionTokens.hash(accessToken);
        Database db = databases.forTenant(t);
        Instant now = clock.instant();
        SessionCache.Entry entry = cache.get(t.appId(), hash, now);
        metrics.sessionCacheLookup(entry != null);
        if (entry == null) {
            RevocationListener listener = listener(db);
            long generation = cache.generation();
            Optional<ResolvedSession> loaded = new SessionStore(db.tenant(t.appId())).findWithUser(sessionId.get())
                    .filter(r -> SessionTokens.matches(accessToken, r.session().accessTokenHash()));
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            entry = new SessionCache.Entry(hash, loaded.get(), now, listener::isListening);
            cache.put(entry, generation, now);
        }
        Session session = entry.session;
        Optional<ClientConfig> client = t.config().userConfig().client(session.clientId());
        if (client.isEmpty()
                || key.clientId().filter(k -> !k.equals(session.clientId())).isPresent()
                || !transport.matches(client.get().sessionTransport())) {
            return Optional.empty();
        }
        if (SessionExpiry.isAccessTokenExpired(session, client.get(), now)) {
            cache.remove(entry);
            return Optional.empty();
        }
        return Optional.of(new ResolvedSession(recordAccess(db, entry, event, client.get()), entry.user));
    }

    /**
     * Issues a new access token for the session of {@code refreshToken} (the refresh token stays); the
     * old access token stops working on every node.
     *
     * @throws SkygearException 401 {@code NotAuthenticated} for an unknown, revoked or expired refresh token
     *     or a client without refresh tokens; 403 {@code UserDisabled} for a disabled user (deviation 1)
     */
    public String refresh(TenantContext t, String refreshToken) {
        String id = SessionTokens.sessionId(refreshToken).orElseThrow(SessionService::notAuthenticated);
        return databases.forTenant(t).transactionResult(trx -> {
            SessionStore store = store(t, trx.dsl());
            Instant now = Timestamps.micros(clock.instant());
            Session session = store.find(id)
                    .filter(s -> s.refreshTokenHash().filter(h -> SessionTokens.matches(refreshToken, h)).isPresent())
                    .orElseThrow(SessionService::notAuthenticated);
            ClientConfig client = t.config().userConfig().client(session.clientId())
                    .filter(c -> !SessionExpiry.isRefreshTokenExpired(session, c, now))
                    .orElseThrow(SessionService::notAuthenticated);
            UserStatus user = store.findUser(session.userId()).orElseThrow(SessionService::notAuthenticated);
            if (user.isDisabled(now)) {
                throw User.disabledError(user.disabledExpiry(), user.disabledMessage());
            }
            return replaceAccessToken(t, store, session, client, now);
        });
    }

    /**
     * Replaces the access token of {@code sessionId} in the caller's transaction (change password, MFA
     * on an existing session); the old one stops working on every node when the transaction commits.
     *
     * @throws SkygearException 401 {@code NotAuthenticated} when the session is gone or its client is no
     *     longer configured
     */
    public String rotateAccessToken(TenantContext t, DSLContext trx, String sessionId) {
        SessionStore store = store(t, trx);
        Session session = store.find(sessionId).orElseThrow(SessionService::notAuthenticated);
        ClientConfig client = t.config().userConfig().client(session.clientId())
                .orElseThrow(SessionService::notAuthenticated);
        return replaceAccessToken(t, store, session, client, Timestamps.micros(clock.instant()));
    }

    /**
     * MFA on an existing session (deviation 3): records {@code authenticator} on the session and replaces
     * its access token in the caller's transaction; returns the new token, which the caller hands back
     * (the old one stops working on every node when the transaction commits).
     *
     * @throws SkygearException 401 {@code NotAuthenticated} when the session is gone or its client is no
     *     longer configured
     */
    public String completeWithAuthenticator(TenantContext t, DSLContext trx, String sessionId,
            SessionAuthenticator authenticator) {
        if (!store(t, trx).updateAuthenticator(sessionId, authenticator)) {
            throw notAuthenticated();
        }
        return rotateAccessToken(t, trx, sessionId);
    }

    /**
     * Deletes a session in the caller's transaction; its tokens stop working on every node when the
     * transaction commits.
     *
     * @return whether there was such a session
     */
    public boolean revoke(TenantContext t, DSLContext trx, String sessionId) {
        SessionStore store = store(t, trx);
        if (!store.delete(sessionId)) {
            return false;
        }
        store.notify(REVOCATION_CHANNEL, List.of(sessionId));
        cache.evictSession(t.appId(), sessionId);
        return true;
    }

    /** Revokes every session of {@code userId} except {@code keepSessionId}; returns the revoked ones. */
    public List<Session> revokeAllExcept(TenantContext t, DSLContext trx, String userId, String keepSessionId) {
        SessionStore store = store(t, trx);
        List<Session> revoked = store.deleteByUserExcept(userId, keepSessionId);
        store.notify(REVOCATION_CHANNEL, revoked.stream().map(Session::id).toList());
        revoked.forEach(s -> cache.evictSession(t.appId(), s.id()));
        return revoked;
    }

    /**
     * Makes every node forget the cached sessions of {@code userId} when the caller's transaction
     * commits, so that a change of the user's state (disabled, enabled, verified) is seen within a
     * second. Sessions stay valid.
     */
    public void evictUser(TenantContext t, DSLContext trx, String userId) {
        store(t, trx).notifyUser(REVOCATION_CHANNEL, userId);
        cache.evictUser(t.appId(), userId);
    }

    /**
     * The user's sessions, oldest first, without those of clients no longer configured and those past
     * their storage expiry. Accesses this node has not written yet are included.
     */
    public List<Session> list(TenantContext t, String userId) {
        Instant now = clock.instant();
        return store(t).listByUser(userId).stream()
                .map(s -> latest(t, s))
                .filter(s -> isLive(t, s, now))
                .toList();
    }

    /** One session of the user, under the same rules as {@link #list}; empty for another user's. */
    public Optional<Session> get(TenantContext t, String userId, String sessionId) {
        Instant now = clock.instant();
        return store(t).find(sessionId)
                .filter(s -> s.userId().equals(userId))
                .map(s -> latest(t, s))
                .filter(s -> isLive(t, s, now));
    }

    /** Deletes the app's sessions that expired long enough ago; returns how many. */
    public int purgeExpired(TenantContext t) {
        return store(t).deleteExpired(null, housekeepingCutoff(Timestamps.micros(clock.instant())));
    }

    /**
     * Whether this node currently receives revocations for the tenant's database (health information;
     * starts the listener if needed).
     */
    public boolean isListening(TenantContext t) {
        return listener(databases.forTenant(t)).isListening();
    }

    @Override
    public void close() {
        closed = true;
        listeners.values().forEach(RevocationListener::close);
        listeners.clear();
        writer.close();
        cache.flush();
    }

    private SessionStore store(TenantContext t) {
        return new SessionStore(databases.forTenant(t).tenant(t.appId()));
    }

    private SessionStore store(TenantContext t, DSLContext trx) {
        return new SessionStore(databases.forTenant(t).tenant(t.appId()).using(trx));
    }

    private RevocationListener listener(Database db) {
        if (closed) {
            throw new IllegalStateException("SessionService is closed");
        }
        return listeners.computeIfAbsent(db.dataSource(), ds -> new RevocationListener(ds, cache).start());
    }

    private String replaceAccessToken(TenantContext t, SessionStore store, Session session, ClientConfig client,
            Instant now) {
        String token = SessionTokens.generate(session.id());
        Session updated = session.withAccessToken(SessionTokens.hash(token), now);
        if (!store.updateAccessToken(session.id(), updated.accessTokenHash(), now,
                SessionExpiry.storageExpiry(updated, client))) {
            throw notAuthenticated();
        }
        store.notify(REVOCATION_CHANNEL, List.of(session.id()));
        cache.evictSession(t.appId(), session.id());
        return token;
    }

    /** Moves the entry's access in memory and, throttled, in the database. */
    private Session recordAccess(Database db, SessionCache.Entry entry, AccessEvent event, ClientConfig client) {
        Session accessed = entry.session.withAccess(event);
        if (accessed.accessedAt().isBefore(entry.session.accessedAt())) {
            return entry.session;
        }
        entry.session = accessed;
        Duration interval = settings.accessWriteInterval();
        if (client.sessionIdleTimeoutEnabled()) {
            Duration tenth = Duration.ofSeconds(client.sessionIdleTimeout()).dividedBy(10);
            interval = tenth.compareTo(interval) < 0 ? tenth : interval;
        }
        Instant persisted = entry.persistedAccessAt;
        if (Duration.between(persisted, accessed.accessedAt()).compareTo(interval) >= 0) {
            entry.persistedAccessAt = accessed.accessedAt();
            writer.write(db, accessed, SessionExpiry.storageExpiry(accessed, client));
        }
        return accessed;
    }

    /** The cached (possibly newer) state of a stored session. */
    private Session latest(TenantContext t, Session stored) {
        return cache.session(t.appId(), stored.id())
                .filter(cached -> cached.accessTokenHash().equals(stored.accessTokenHash())
                        && cached.accessedAt().isAfter(stored.accessedAt()))
                .orElse(stored);
    }

    private static boolean isLive(TenantContext t, Session s, Instant now) {
        return t.config().userConfig().client(s.clientId())
                .filter(client -> !SessionExpiry.isGone(s, client, now))
                .isPresent();
    }

    /**
     * Stored {@code expire_at} may lag the real expiry by the access write interval; housekeeping waits
     * that long (and a minute more) so that it never deletes a session still in use.
     */
    private Instant housekeepingCutoff(Instant now) {
        return now.minus(settings.accessWriteInterval()).minus(Duration.ofMinutes(1));
    }

    private static SkygearException notAuthenticated() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "NotAuthenticated", "authentication required");
    }
}
