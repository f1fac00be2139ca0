package io.skygear.auth.session;

import static io.skygear.auth.session.SessionFixture.COOKIE;
import static io.skygear.auth.session.SessionFixture.IDLE;
import static io.skygear.auth.session.SessionFixture.NO_REFRESH;
import static io.skygear.auth.session.SessionFixture.T0;
import static io.skygear.auth.session.SessionFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.IssuedSession;
import io.skygear.auth.internal.session.ResolvedSession;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionAuthenticator;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.auth.internal.session.SessionSettings;
import io.skygear.auth.internal.session.SessionStore;
import io.skygear.auth.internal.session.SessionTokens;
import io.skygear.auth.internal.session.TokenTransport;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKey;
import io.skygear.core.tenant.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SessionService on one node: issuing, every check of a token, refresh, rotation, listing, the cache. */
class SessionServiceTest {

    static final Duration WRITE_INTERVAL = Duration.ofSeconds(60);

    static Database pool;
    static Database db;
    static CountingDataSource counter;
    static MutableClock clock = new MutableClock(T0);
    static SessionService sessions;
    static TenantContext app = SessionFixture.tenant("service-app");
    static TenantContext otherApp = SessionFixture.tenant("service-other");

    @BeforeAll
    static void setUp() {
        pool = SessionFixture.migratedDatabase().open();
        db = SessionFixture.wrapped(pool, ds -> (counter = new CountingDataSource(ds)).dataSource());
        sessions = new SessionService(DatabaseResolver.fixed(db), clock,
                new SessionSettings(Duration.ofMinutes(10), 1000, WRITE_INTERVAL));
        assertThat(Await.within(Duration.ofSeconds(10), () -> sessions.isListening(app))).isTrue();
    }

    @AfterAll
    static void close() {
        sessions.close();
        pool.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(T0);
    }

    @Nested
    class Create {

        @Test
        void issuesTokensOfTheSessionAndStoresOnlyTheirHashes() {
            String user = SessionFixture.user(db, app);

            IssuedSession issued = login(user, WEB);

            Session session = issued.session();
            assertThat(SessionTokens.sessionId(issued.accessToken())).contains(session.id());
            assertThat(issued.refreshToken().flatMap(SessionTokens::sessionId)).contains(session.id());
            Session stored = new SessionStore(db.tenant(app.appId())).find(session.id()).orElseThrow();
            assertThat(stored).isEqualTo(session);
            assertThat(stored.accessTokenHash()).isEqualTo(SessionTokens.hash(issued.accessToken()));
            assertThat(stored.refreshTokenHash()).contains(SessionTokens.hash(issued.refreshToken().get()));
            assertThat(stored.createdAt()).isEqualTo(T0);
            assertThat(stored.userId()).isEqualTo(user);
            assertThat(stored.clientId()).isEqualTo(WEB);
        }

        @Test
        void clientsWithoutRefreshTokensGetNone() {
            String user = SessionFixture.user(db, app);

            assertThat(login(user, NO_REFRESH).refreshToken()).isEmpty();
            assertThat(login(user, COOKIE).refreshToken()).isEmpty();
            assertThat(login(user, NO_REFRESH).session().refreshTokenHash()).isEmpty();
        }

        @Test
        void unknownClientIsRejectedNot500() {
            String user = SessionFixture.user(db, app);

            assertThatThrownBy(() -> SessionFixture.login(sessions, db, app, user, "no-such-client", T0))
                    .isInstanceOfSatisfying(SkygearException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.reason()).isEqualTo("AccessKeyNotAccepted");
                    });
        }

        @Test
        void longExpiredSessionsOfTheUserAreCleanedUpOnLogin() {
            String user = SessionFixture.user(db, app);
            Session old = login(user, NO_REFRESH).session();

            clock.advance(Duration.ofDays(2));
            login(user, WEB);

            assertThat(new SessionStore(db.tenant(app.appId())).find(old.id())).isEmpty();
        }
    }

    @Nested
    class Resolve {

        @Test
        void validTokenResolvesToItsSession() {
            String user = SessionFixture.user(db, app);
            IssuedSession issued = login(user, WEB);

            Optional<ResolvedSession> resolved = authenticate(issued.accessToken(), AccessKey.apiKey(WEB));

            assertThat(resolved).isPresent();
            assertThat(resolved.get().session().id()).isEqualTo(issued.session().id());
            assertThat(resolved.get().user().userId()).isEqualTo(user);
            assertThat(resolved.get().user().isDisabled(clock.instant())).isFalse();
        }

        @Test
        void masterKeyOrNoKeyAcceptsAnyClientsToken() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);

            assertThat(resolve(issued.accessToken(), AccessKey.MASTER)).isPresent();
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();
        }

        @Test
        void malformedOrUnknownTokenIsRejected() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            String sameSessionOtherSecret = SessionTokens.generate(issued.session().id());

            for (String token : new String[] {null, "", "garbage", issued.accessToken() + "x",
                    sameSessionOtherSecret, SessionTokens.generate(UUID.randomUUID().toString())}) {
                assertThat(resolve(token, AccessKey.NONE)).as(String.valueOf(token)).isEmpty();
            }
        }

        @Test
        void refreshTokenIsNotAnAccessToken() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);

            assertThat(resolve(issued.refreshToken().orElseThrow(), AccessKey.NONE)).isEmpty();
        }

        @Test
        void tokenOfAnotherAppIsRejected() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            resolve(issued.accessToken(), AccessKey.NONE); // cached for app

            assertThat(sessions.resolve(otherApp, issued.accessToken(), TokenTransport.HEADER, AccessKey.NONE,
                    access(clock.instant()))).isEmpty();
        }

        @Test
        void apiKeyOfAnotherClientIsRejected() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);

            assertThat(resolve(issued.accessToken(), AccessKey.apiKey(IDLE))).isEmpty();
        }

        @Test
        void clientRemovedFromTheConfigIsRejected() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();

            assertThat(sessions.resolve(SessionFixture.tenantWithout(app.appId(), WEB), issued.accessToken(),
                    TokenTransport.HEADER, AccessKey.NONE, access(clock.instant()))).isEmpty();
        }

        @Test
        void transportMustBeTheClients() {
            IssuedSession header = login(SessionFixture.user(db, app), WEB);
            IssuedSession cookie = login(SessionFixture.user(db, app), COOKIE);

            assertThat(resolve(header.accessToken(), TokenTransport.COOKIE, AccessKey.NONE)).isEmpty();
            assertThat(resolve(cookie.accessToken(), TokenTransport.HEADER, AccessKey.NONE)).isEmpty();
            assertThat(resolve(cookie.accessToken(), TokenTransport.COOKIE, AccessKey.apiKey(COOKIE))).isPresent();
        }

        @Test
        void expiredAccessTokenIsRejected() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            clock.set(T0.plusSeconds(1800));
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();

            clock.set(T0.plusSeconds(1801));

            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isEmpty();
        }

        @Test
        void idleTimeoutCountsFromTheLastAccess() {
            IssuedSession issued = login(SessionFixture.user(db, app), NO_REFRESH);
            SessionStore store = new SessionStore(db.tenant(app.appId()));
            for (int i = 1; i <= 5; i++) {
                Instant at = T0.plusSeconds(250L * i);
                clock.set(at);
                assertThat(resolve(issued.accessToken(), AccessKey.NONE)).as("access %d", i).isPresent();
                // the write is asynchronous; wait for it so that the check holds with or without the cache
                assertThat(Await.within(Duration.ofSeconds(5),
                        () -> store.find(issued.session().id()).orElseThrow().accessedAt().equals(at))).isTrue();
            }

            clock.advance(Duration.ofSeconds(301));

            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isEmpty();
        }

        @Test
        void userRowOfAnotherAppDoesNotCount() {
            // the foreign key only knows ids: a session of app pointing at a user row of another app
            String foreignUser = SessionFixture.user(db, otherApp);
            IssuedSession issued = login(foreignUser, WEB);

            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isEmpty();
        }

        @Test
        void revokedSessionIsRejected() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();

            db.transaction(trx -> assertThat(sessions.revoke(app, trx.dsl(), issued.session().id())).isTrue());

            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isEmpty();
            db.transaction(trx -> assertThat(sessions.revoke(app, trx.dsl(), issued.session().id())).isFalse());
        }
    }

    @Nested
    class Cache {

        @Test
        void hotTokenCostsNoStatement() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            cached(issued.accessToken());
            long before = counter.statementsOn("_auth_session");

            for (int i = 0; i < 100; i++) {
                clock.advance(Duration.ofMillis(100));
                assertThat(resolve(issued.accessToken(), AccessKey.apiKey(WEB))).isPresent();
            }

            assertThat(counter.statementsOn("_auth_session")).isEqualTo(before);
        }

        @Test
        void accessesReachTheDatabaseThrottledAndOffTheRequestThread() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            SessionStore store = new SessionStore(db.tenant(app.appId()));
            clock.set(T0.plusSeconds(10));
            resolve(issued.accessToken(), AccessKey.NONE);
            long before = counter.updatesOf("_auth_session");

            clock.set(T0.plusSeconds(30));
            resolve(issued.accessToken(), access(clock.instant(), "agent-30"));
            assertThat(counter.updatesOf("_auth_session")).isEqualTo(before);

            clock.set(T0.plusSeconds(70));
            resolve(issued.accessToken(), access(clock.instant(), "agent-70"));
            assertThat(Await.within(Duration.ofSeconds(5), () -> store.find(issued.session().id()).orElseThrow()
                    .accessedAt().equals(T0.plusSeconds(70)))).isTrue();
            Session stored = store.find(issued.session().id()).orElseThrow();
            assertThat(stored.lastAccess().userAgent()).isEqualTo("agent-70");
            assertThat(stored.initialAccess()).isEqualTo(issued.session().initialAccess());

            clock.set(T0.plusSeconds(80));
            resolve(issued.accessToken(), access(clock.instant(), "agent-80"));
            assertThat(counter.updatesOf("_auth_session")).isEqualTo(before + 1);
        }

        @Test
        void cachedSessionIsReloadedAfterTheTtl() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            cached(issued.accessToken());
            long before = counter.statementsOn("_auth_session");

            clock.advance(Duration.ofMinutes(10));
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();

            assertThat(counter.statementsOn("_auth_session")).isGreaterThan(before);
        }
    }

    @Nested
    class Refresh {

        @Test
        void issuesANewAccessTokenAndRetiresTheOld() {
            IssuedSession issued = login(SessionFixture.user(db, app), WEB);
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();
            clock.advance(Duration.ofMinutes(5));

            String fresh = sessions.refresh(app, issued.refreshToken().orElseThrow());

            assertThat(SessionTokens.sessionId(fresh)).contains(issued.session().id());
            assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isEmpty();
            assertThat(resolve(fresh, AccessKey.NONE)).get()
                    .extracting(Session::accessTokenCreatedAt).isEqualTo(clock.instant());
            // the refresh token stays and works again
            assertThat(sessions.refresh(app, issued.refreshToken().get())).isNotEqualTo(fresh);
        }

        @Test
        void unknownExpiredOrUnsupportedRefreshTokensAreNotAuthenticated() {
            String user = SessionFixture.user(db, app);
            IssuedSession web = login(user, WEB);
            IssuedSession cookie = login(user, COOKIE);

            assertNotAuthenticated("");
            assertNotAuthenticated(web.accessToken());
            assertNotAuthenticated(SessionTokens.generate(web.session().id()));
            assertNotAuthenticated(cookie.accessToken());
            assertThatThrownBy(() -> sessions.refresh(SessionFixture.tenantWithout(app.appId(), WEB),
                    web.refreshToken().get())).isInstanceOf(SkygearException.class);
            clock.set(T0.plusSeconds(86401));
            assertNotAuthenticated(web.refreshToken().get());
        }

        @Test
        void disabledUserGetsUserDisabled() {
            String user = SessionFixture.user(db, app);
            IssuedSession issued = login(user, WEB);
            SessionFixture.setDisabled(db, app, user, true);

            assertThatThrownBy(() -> sessions.refresh(app, issued.refreshToken().get()))
                    .isInstanceOfSatisfying(SkygearException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.reason()).isEqualTo("UserDisabled");
                    });
        }

        private void assertNotAuthenticated(String refreshToken) {
            assertThatThrownBy(() -> sessions.refresh(app, refreshToken))
                    .as(refreshToken)
                    .isInstanceOfSatisfying(SkygearException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.reason()).isEqualTo("NotAuthenticated");
                        assertThat(e.getMessage()).isEqualTo("authentication required");
                    });
        }
    }

    @Test
    void rotationReplacesTheAccessToken() {
        IssuedSession issued = login(SessionFixture.user(db, app), WEB);
        assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isPresent();

        String rotated = db.transactionResult(trx -> sessions.rotateAccessToken(app, trx.dsl(), issued.session().id()));

        assertThat(resolve(issued.accessToken(), AccessKey.NONE)).isEmpty();
        assertThat(resolve(rotated, AccessKey.NONE)).isPresent();
        assertThatThrownBy(() -> db.transaction(trx -> sessions.rotateAccessToken(app, trx.dsl(), "missing")))
                .isInstanceOf(SkygearException.class);
    }

    @Nested
    class Listing {

        @Test
        void listIsOldestFirstWithoutGoneOrOrphanedSessions() {
            String user = SessionFixture.user(db, app);
            Session first = login(user, WEB).session();
            clock.advance(Duration.ofSeconds(1));
            Session second = login(user, IDLE).session();
            clock.advance(Duration.ofSeconds(1));
            Session third = login(user, NO_REFRESH).session();
            login(SessionFixture.user(db, app), WEB);

            assertThat(ids(sessions.list(app, user))).containsExactly(first.id(), second.id(), third.id());
            assertThat(ids(sessions.list(SessionFixture.tenantWithout(app.appId(), IDLE), user)))
                    .containsExactly(first.id(), third.id());

            clock.set(T0.plusSeconds(303));
            // idle (300 s after its token) and norefresh (300 s idle) are past their storage expiry
            assertThat(ids(sessions.list(app, user))).containsExactly(first.id());
        }

        @Test
        void getFindsOnlyTheUsersOwnLiveSession() {
            String user = SessionFixture.user(db, app);
            Session mine = login(user, WEB).session();
            Session theirs = login(SessionFixture.user(db, app), WEB).session();

            assertThat(sessions.get(app, user, mine.id())).map(Session::id).contains(mine.id());
            assertThat(sessions.get(app, user, theirs.id())).isEmpty();
            assertThat(sessions.get(app, user, "missing")).isEmpty();
            assertThat(sessions.get(otherApp, user, mine.id())).isEmpty();
        }

        @Test
        void listShowsAccessesNotWrittenYet() {
            String user = SessionFixture.user(db, app);
            IssuedSession issued = login(user, WEB);
            cached(issued.accessToken());
            clock.set(T0.plusSeconds(5));
            resolve(issued.accessToken(), access(clock.instant(), "okhttp/3.12.1"));

            Session listed = sessions.list(app, user).getFirst();

            assertThat(listed.accessedAt()).isEqualTo(T0.plusSeconds(5));
            assertThat(listed.toApiModel().get("user_agent")).isEqualTo(Map.of(
                    "raw", "okhttp/3.12.1", "name", "okhttp", "version", "3.12.1", "os", "", "os_version", "",
                    "device_name", "", "device_model", ""));
        }

        @Test
        void apiModelHasTheWireFields() {
            AccessEvent first = AccessEvent.capture(T0, "10.0.0.1:4000", h -> switch (h) {
                case "X-Forwarded-For" -> "192.0.2.1";
                case "User-Agent" -> "curl/7.64.0";
                default -> null;
            });
            AccessEvent last = AccessEvent.capture(T0.plusSeconds(1), "10.0.0.2", h -> null);
            Session session = new Session("s1", app.appId(), WEB, "u1", "p1", "password", T0,
                    Optional.of(new SessionAuthenticator("a1", "oob", Optional.of("email"), T0)), first, last, T0,
                    T0.plusSeconds(1), "h", Optional.empty(), T0);

            assertThat(session.toApiModel()).containsExactly(
                    Map.entry("id", "s1"),
                    Map.entry("identity_id", "p1"),
                    Map.entry("identity_type", "password"),
                    Map.entry("identity_updated_at", "2019-06-01T00:00:00Z"),
                    Map.entry("authenticator_id", "a1"),
                    Map.entry("authenticator_type", "oob"),
                    Map.entry("authenticator_oob_channel", "email"),
                    Map.entry("authenticator_updated_at", "2019-06-01T00:00:00Z"),
                    Map.entry("created_at", "2019-06-01T00:00:00Z"),
                    Map.entry("last_accessed_at", "2019-06-01T00:00:01Z"),
                    Map.entry("created_by_ip", "192.0.2.1"),
                    Map.entry("last_accessed_by_ip", "10.0.0.2"),
                    Map.entry("user_agent", Map.of("raw", "", "name", "", "version", "", "os", "", "os_version", "",
                            "device_name", "", "device_model", "")));
        }

        @Test
        void revokeAllExceptKeepsTheGivenSession() {
            String user = SessionFixture.user(db, app);
            Session keep = login(user, WEB).session();
            Session a = login(user, WEB).session();
            Session b = login(user, IDLE).session();

            List<Session> revoked = db.transactionResult(trx -> sessions.revokeAllExcept(app, trx.dsl(), user, keep.id()));

            assertThat(ids(revoked)).containsExactlyInAnyOrder(a.id(), b.id());
            assertThat(ids(sessions.list(app, user))).containsExactly(keep.id());
        }

        @Test
        void purgeDeletesLongExpiredSessionsOfTheApp() {
            String user = SessionFixture.user(db, app);
            Session old = login(user, NO_REFRESH).session();
            Session live = login(user, WEB).session();

            clock.set(T0.plus(Duration.ofHours(1)));

            assertThat(sessions.purgeExpired(app)).isGreaterThanOrEqualTo(1);
            SessionStore store = new SessionStore(db.tenant(app.appId()));
            assertThat(store.find(old.id())).isEmpty();
            assertThat(store.find(live.id())).isPresent();
        }
    }

    @Test
    void evictUserRefreshesTheCachedUserState() {
        String user = SessionFixture.user(db, app);
        IssuedSession issued = login(user, WEB);
        assertThat(authenticate(issued.accessToken(), AccessKey.NONE).orElseThrow().user().disabled()).isFalse();

        db.transaction(trx -> {
            SessionFixture.setDisabled(db, app, user, true);
            sessions.evictUser(app, trx.dsl(), user);
        });

        assertThat(authenticate(issued.accessToken(), AccessKey.NONE).orElseThrow().user().disabled()).isTrue();
    }

    static void cached(String token) {
        SessionFixture.awaitCached(counter, () -> resolve(token, AccessKey.NONE).isPresent());
    }

    static List<String> ids(List<Session> list) {
        return list.stream().map(Session::id).toList();
    }

    static IssuedSession login(String user, String client) {
        return SessionFixture.login(sessions, db, app, user, client, clock.instant());
    }

    static AccessEvent access(Instant time) {
        return SessionFixture.access(time, "test-agent/2.0");
    }

    static AccessEvent access(Instant time, String agent) {
        return SessionFixture.access(time, agent);
    }

    static Optional<Session> resolve(String token, AccessKey key) {
        return resolve(token, TokenTransport.HEADER, key);
    }

    static Optional<Session> resolve(String token, AccessEvent event) {
        return sessions.resolve(app, token, TokenTransport.HEADER, AccessKey.NONE, event);
    }

    static Optional<Session> resolve(String token, TokenTransport transport, AccessKey key) {
        return sessions.resolve(app, token, transport, key, access(clock.instant()));
    }

    static Optional<ResolvedSession> authenticate(String token, AccessKey key) {
        return sessions.authenticate(app, token, TokenTransport.HEADER, key, access(clock.instant()));
    }
}
