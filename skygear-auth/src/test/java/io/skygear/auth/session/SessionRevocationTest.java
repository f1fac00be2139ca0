package io.skygear.auth.session;

import static io.skygear.auth.session.SessionFixture.T0;
import static io.skygear.auth.session.SessionFixture.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.session.IssuedSession;
import io.skygear.auth.internal.session.ResolvedSession;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.auth.internal.session.SessionSettings;
import io.skygear.auth.internal.session.TokenTransport;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKey;
import io.skygear.core.tenant.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two SessionService instances with their own pools and caches) on one database: a change
 * made on node A reaches node B's cache through LISTEN/NOTIFY, also after B's listener reconnected.
 * Waits are polls bounded at 5 s; the requirement is one second.
 */
class SessionRevocationTest {

    static final Duration BOUND = Duration.ofSeconds(5);
    static final Duration TTL = Duration.ofMinutes(10);

    static MigratedDatabase database;
    static Database poolA;
    static Database poolB;
    static Database dbB;
    static CountingDataSource counterB;
    static MutableClock clock = new MutableClock(T0);
    static SessionService nodeA;
    static SessionService nodeB;
    static TenantContext app = SessionFixture.tenant("revocation-app");

    @BeforeAll
    static void startTwoNodes() {
        database = SessionFixture.migratedDatabase();
        poolA = database.open();
        poolB = database.open();
        dbB = SessionFixture.wrapped(poolB, ds -> (counterB = new CountingDataSource(ds)).dataSource());
        SessionSettings settings = new SessionSettings(TTL, 1000, Duration.ofSeconds(60));
        nodeA = new SessionService(DatabaseResolver.fixed(poolA), clock, settings);
        nodeB = new SessionService(DatabaseResolver.fixed(dbB), clock, settings);
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        poolA.close();
        poolB.close();
    }

    @BeforeEach
    void bothNodesListen() {
        clock.set(T0);
        assertThat(Await.within(BOUND, () -> nodeA.isListening(app) && nodeB.isListening(app))).isTrue();
    }

    @Test
    void revocationOnOneNodeReachesTheOthersCache() {
        IssuedSession issued = login();
        cachedOnB(issued.accessToken());

        poolA.transaction(trx -> nodeA.revoke(app, trx.dsl(), issued.session().id()));

        assertThat(Await.within(BOUND, () -> resolveOnB(issued.accessToken()).isEmpty())).isTrue();
    }

    @Test
    void revokeAllOnOneNodeReachesTheOthersCache() {
        String user = SessionFixture.user(poolA, app);
        IssuedSession current = SessionFixture.login(nodeA, poolA, app, user, WEB, T0);
        IssuedSession other = SessionFixture.login(nodeA, poolA, app, user, WEB, T0);
        cachedOnB(current.accessToken());
        cachedOnB(other.accessToken());

        poolA.transaction(trx -> nodeA.revokeAllExcept(app, trx.dsl(), user, current.session().id()));

        assertThat(Await.within(BOUND, () -> resolveOnB(other.accessToken()).isEmpty())).isTrue();
        assertThat(resolveOnB(current.accessToken())).isPresent();
    }

    @Test
    void refreshOnOneNodeRetiresTheOldAccessTokenOnTheOther() {
        IssuedSession issued = login();
        cachedOnB(issued.accessToken());

        String fresh = nodeA.refresh(app, issued.refreshToken().orElseThrow());

        assertThat(Await.within(BOUND, () -> resolveOnB(issued.accessToken()).isEmpty())).isTrue();
        assertThat(resolveOnB(fresh)).isPresent();
    }

    @Test
    void disablingAUserReachesTheOthersCachedUserState() {
        IssuedSession issued = login();
        String user = issued.session().userId();
        assertThat(authenticateOnB(issued.accessToken()).orElseThrow().user().disabled()).isFalse();

        poolA.transaction(trx -> {
            SessionFixture.setDisabled(poolA, app, user, true);
            nodeA.evictUser(app, trx.dsl(), user);
        });

        assertThat(Await.within(BOUND, () -> authenticateOnB(issued.accessToken()).orElseThrow().user().disabled()))
                .isTrue();
    }

    @Test
    void rolledBackRevocationChangesNothing() {
        IssuedSession issued = login();
        cachedOnB(issued.accessToken());

        try {
            poolA.transaction(trx -> {
                nodeA.revoke(app, trx.dsl(), issued.session().id());
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the revocation never happened
        }

        assertThat(nodeA.resolve(app, issued.accessToken(), TokenTransport.HEADER, AccessKey.NONE,
                SessionFixture.access(T0, "a"))).isPresent();
        assertThat(resolveOnB(issued.accessToken())).isPresent();
    }

    @Test
    void listenerReconnectsAndCatchesUpOnWhatItMissed() throws SQLException {
        IssuedSession missed = login();
        IssuedSession later = login();
        cachedOnB(missed.accessToken());
        cachedOnB(later.accessToken());

        // cut every listener's connection, then delete a session without notification, as if the
        // notification had been sent while the listeners were away
        List<Integer> cut = listenerPids();
        assertThat(cut).hasSize(2);
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY (?)", cut);
        execute("DELETE FROM app._auth_session WHERE id = ?", missed.session().id());

        assertThat(Await.within(BOUND, () -> {
            List<Integer> now = listenerPids();
            return now.size() == 2 && now.stream().noneMatch(cut::contains)
                    && nodeA.isListening(app) && nodeB.isListening(app);
        })).as("both listeners reconnected").isTrue();
        assertThat(resolveOnB(missed.accessToken())).isEmpty();

        // and the reconnected listener delivers again
        cachedOnB(later.accessToken());
        poolA.transaction(trx -> nodeA.revoke(app, trx.dsl(), later.session().id()));
        assertThat(Await.within(BOUND, () -> resolveOnB(later.accessToken()).isEmpty())).isTrue();
    }

    @Test
    void withoutANotificationTheCacheTtlBoundsStaleness() throws SQLException {
        IssuedSession issued = login();
        cachedOnB(issued.accessToken());

        // a deletion nobody announced (e.g. manual SQL): B trusts its cache until the TTL
        execute("DELETE FROM app._auth_session WHERE id = ?", issued.session().id());
        assertThat(resolveOnB(issued.accessToken())).isPresent();

        clock.advance(TTL);

        assertThat(resolveOnB(issued.accessToken())).isEmpty();
    }

    static void cachedOnB(String token) {
        SessionFixture.awaitCached(counterB, () -> resolveOnB(token).isPresent());
    }

    static IssuedSession login() {
        return SessionFixture.login(nodeA, poolA, app, SessionFixture.user(poolA, app), WEB, T0);
    }

    static Optional<ResolvedSession> authenticateOnB(String token) {
        return nodeB.authenticate(app, token, TokenTransport.HEADER, AccessKey.NONE, SessionFixture.access(T0, "b"));
    }

    static Optional<?> resolveOnB(String token) {
        return authenticateOnB(token);
    }

    /** Backends whose last statement was the listeners' LISTEN (their keepalive repeats it). */
    static List<Integer> listenerPids() {
        try (Connection c = database.connection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT pid FROM pg_stat_activity
                        WHERE datname = current_database() AND query = 'LISTEN skygear_session_revoked'""");
                ResultSet r = s.executeQuery()) {
            List<Integer> pids = new ArrayList<>();
            while (r.next()) {
                pids.add(r.getInt(1));
            }
            return pids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void execute(String sql, Object value) throws SQLException {
        try (Connection c = database.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value instanceof List<?> list ? c.createArrayOf("int4", list.toArray()) : value);
            s.execute();
        }
    }
}
