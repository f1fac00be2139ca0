package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.ResolvedSession;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionAuthenticator;
import io.skygear.auth.internal.session.SessionStore;
import io.skygear.auth.internal.session.SessionTokens;
import io.skygear.auth.internal.session.UserStatus;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.core.db.Database;
import io.skygear.core.tenant.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** SessionStore writes and reads _auth_session rows of one app, faithfully and only that app's. */
class SessionStoreTest {

    private static final Instant T = Instant.parse("2019-06-01T10:00:00.123456Z");

    private static MigratedDatabase database;
    private static Database db;
    private static TenantContext app;
    private static TenantContext other;
    private static SessionStore store;

    @BeforeAll
    static void setUp() {
        database = SessionFixture.migratedDatabase();
        db = database.open();
        app = SessionFixture.tenant("store-app");
        other = SessionFixture.tenant("store-other");
        store = new SessionStore(db.tenant(app.appId()));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void insertedSessionReadsBackEqual() {
        String user = SessionFixture.user(db, app);
        Session session = session(user, T, Optional.of(new SessionAuthenticator("auth-1", "oob", Optional.of("sms"), T)));

        store.insert(session, T.plus(Duration.ofDays(1)));

        assertThat(store.find(session.id())).contains(session);
    }

    @Test
    void sessionWithoutAuthenticatorOrRefreshTokenReadsBackEqual() {
        String user = SessionFixture.user(db, app);
        Session session = new Session(UUID.randomUUID().toString(), app.appId(), "norefresh", user, "p", "oauth", T,
                Optional.empty(), event(T, "a"), event(T, "a"), T, T, "hash-" + UUID.randomUUID(), Optional.empty(), T);

        store.insert(session, T);

        assertThat(store.find(session.id())).contains(session);
    }

    @Test
    void findWithUserCarriesTheUsersState() {
        String user = SessionFixture.user(db, app);
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        db.tenant(app.appId()).update("_core_user",
                Map.of(field("disabled"), true, field("disabled_message"), "bye", field("verified"), true,
                        DSL.field(DSL.name("disabled_expiry"), LocalDateTime.class), LocalDateTime.parse("2030-01-01T00:00:00")),
                field("id").eq(user)).execute();
        Session session = session(user, T, Optional.empty());
        store.insert(session, T);

        Optional<ResolvedSession> found = store.findWithUser(session.id());

        assertThat(found).contains(new ResolvedSession(session,
                new UserStatus(user, true, true, Optional.of("bye"), Optional.of(until))));
        assertThat(found.get().user().isDisabled(until.minusSeconds(1))).isTrue();
        assertThat(found.get().user().isDisabled(until)).isFalse();
    }

    @Test
    void otherAppsSeeNothing() {
        String user = SessionFixture.user(db, app);
        Session session = session(user, T, Optional.empty());
        store.insert(session, T);
        SessionStore otherStore = new SessionStore(db.tenant(other.appId()));

        assertThat(otherStore.find(session.id())).isEmpty();
        assertThat(otherStore.findWithUser(session.id())).isEmpty();
        assertThat(otherStore.listByUser(user)).isEmpty();
        assertThat(otherStore.delete(session.id())).isFalse();
        assertThat(otherStore.deleteByUserExcept(user, "none")).isEmpty();
        assertThat(store.find(session.id())).isPresent();
    }

    @Test
    void listIsOldestFirst() {
        String user = SessionFixture.user(db, app);
        Session second = session(user, T.plusSeconds(10), Optional.empty());
        Session first = session(user, T, Optional.empty());
        Session third = session(user, T.plusSeconds(20), Optional.empty());
        store.insert(second, T);
        store.insert(third, T);
        store.insert(first, T);

        assertThat(store.listByUser(user)).containsExactly(first, second, third);
    }

    @Test
    void accessUpdateKeepsTheLatestAndSkipsReplacedTokens() {
        String user = SessionFixture.user(db, app);
        Session session = session(user, T, Optional.empty());
        store.insert(session, T);
        AccessEvent later = event(T.plusSeconds(60), "later-agent");

        assertThat(store.updateAccess(session.id(), session.accessTokenHash(), later, T.plusSeconds(600))).isTrue();
        assertThat(store.updateAccess(session.id(), session.accessTokenHash(), event(T.plusSeconds(30), "older"), T)).isFalse();
        assertThat(store.updateAccess(session.id(), "replaced-hash", event(T.plusSeconds(90), "other"), T)).isFalse();

        assertThat(store.find(session.id())).contains(session.withAccess(later));
    }

    @Test
    void accessTokenReplacementChangesHashAndIssueTime() {
        String user = SessionFixture.user(db, app);
        Session session = session(user, T, Optional.empty());
        store.insert(session, T);
        Instant issued = T.plusSeconds(100);

        assertThat(store.updateAccessToken(session.id(), "new-hash", issued, issued.plusSeconds(1800))).isTrue();
        assertThat(store.updateAccessToken("missing", "new-hash-2", issued, issued)).isFalse();

        assertThat(store.find(session.id())).contains(session.withAccessToken("new-hash", issued));
    }

    @Test
    void deleteByUserExceptKeepsOneAndReturnsTheOthers() {
        String user = SessionFixture.user(db, app);
        Session keep = session(user, T, Optional.empty());
        Session a = session(user, T.plusSeconds(1), Optional.empty());
        Session b = session(user, T.plusSeconds(2), Optional.empty());
        List.of(keep, a, b).forEach(s -> store.insert(s, T));

        assertThat(store.deleteByUserExcept(user, keep.id())).containsExactlyInAnyOrder(a, b);
        assertThat(store.listByUser(user)).containsExactly(keep);
        assertThat(store.delete(keep.id())).isTrue();
        assertThat(store.delete(keep.id())).isFalse();
    }

    @Test
    void deleteExpiredRemovesOnlyRowsStoredAsExpiredBeforeTheCutoff() {
        String user = SessionFixture.user(db, app);
        Session old = session(user, T, Optional.empty());
        Session live = session(user, T, Optional.empty());
        store.insert(old, T.plusSeconds(10));
        store.insert(live, T.plusSeconds(30));

        assertThat(store.deleteExpired(user, T.plusSeconds(20))).isEqualTo(1);
        assertThat(store.listByUser(user)).containsExactly(live);
    }

    @Test
    void notificationsNameAppAndSessionAndArriveOnlyOnCommit() throws SQLException {
        String user = SessionFixture.user(db, app);
        Session session = session(user, T, Optional.empty());
        store.insert(session, T);
        try (Connection listener = database.connection()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN skygear_session_revoked");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);

            try {
                db.transaction(trx -> {
                    new SessionStore(db.tenant(app.appId()).using(trx.dsl()))
                            .notify("skygear_session_revoked", List.of("rolled-back"));
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // nothing may be delivered for this one
            }
            db.transaction(trx -> {
                SessionStore tx = new SessionStore(db.tenant(app.appId()).using(trx.dsl()));
                tx.notify("skygear_session_revoked", List.of("x'y"));
                tx.notifyUser("skygear_session_revoked", user);
            });

            assertThat(receive(pg, 2)).containsExactly(app.appId() + ":x'y", app.appId() + ":" + session.id());
        }
    }

    private static List<String> receive(PGConnection pg, int count) throws SQLException {
        List<String> payloads = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (payloads.size() < count && System.nanoTime() < deadline) {
            PGNotification[] n = pg.getNotifications(100);
            if (n != null) {
                Arrays.stream(n).map(PGNotification::getParameter).forEach(payloads::add);
            }
        }
        return payloads;
    }

    private static Session session(String user, Instant created, Optional<SessionAuthenticator> authenticator) {
        String id = UUID.randomUUID().toString();
        return new Session(id, app.appId(), "web", user, "principal-1", "password", created.minusSeconds(5),
                authenticator, event(created, "first-agent"), event(created.plusSeconds(1), "last-agent"), created,
                created.plusSeconds(1), SessionTokens.hash(SessionTokens.generate(id)),
                Optional.of(SessionTokens.hash(SessionTokens.generate(id))), created);
    }

    private static AccessEvent event(Instant time, String agent) {
        return new AccessEvent(time, new AccessEvent.Remote("10.0.0.1:1234", "192.0.2.1", "", ""), agent,
                Map.of("device_name", "phone", "n", 1));
    }

    private static Field<Object> field(String name) {
        return DSL.field(DSL.name(name));
    }
}
