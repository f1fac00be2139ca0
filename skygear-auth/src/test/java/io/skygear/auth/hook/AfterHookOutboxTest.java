package io.skygear.auth.hook;

import static io.skygear.auth.hook.HookTenants.identity;
import static io.skygear.auth.hook.HookTenants.session;
import static io.skygear.auth.hook.HookTenants.tenant;
import static io.skygear.auth.hook.HookTenants.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.hook.HookDispatcher;
import io.skygear.auth.internal.hook.HookHttp;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.hook.OutboxWorker;
import io.skygear.auth.internal.hook.UserLoader;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.SqlScripts;
import io.skygear.testing.TestSchema;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** After-hooks: written to the outbox in the caller's transaction, only for configured types. */
class AfterHookOutboxTest {

    static final String HOOK = "http://hooks.example.com/h";

    static MigratedDatabase database;
    static Database db;
    static MutableClock clock = new MutableClock(Instant.parse("2019-11-29T10:00:00Z"));
    static OutboxWorker worker;
    static HookDispatcher dispatcher;

    /** user_sync reads the user inside the transaction: is_disabled from _core_user. */
    static final UserLoader LOADER = (tenant, trx, userId) -> db.tenant(tenant.appId()).using(trx)
            .selectFrom("_core_user", DSL.field("id").eq(userId))
            .fetchOptional()
            .map(r -> new HookUser(userId, Instant.parse("2019-11-29T10:00:00Z"), Optional.empty(), false,
                    r.get("disabled", Boolean.class), Map.of(), Map.of()));

    @BeforeAll
    static void start() {
        database = MigratedDatabase.create("1790000200__hook_outbox");
        db = database.open();
        HookHttp http = new HookHttp(Duration.ofSeconds(1));
        worker = new OutboxWorker(clock, http, new OutboxSettings(3, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofDays(1)));
        dispatcher = new HookDispatcher(DatabaseResolver.fixed(db), clock, http, LOADER, worker);
    }

    @AfterAll
    static void stop() {
        worker.close();
        db.close();
    }

    static void storeUser(TenantContext t, String id, boolean disabled) {
        db.tenant(t.appId()).insertInto("_core_user")
                .set(DSL.field("id"), id)
                .set(DSL.field("disabled"), disabled)
                .execute();
    }

    static List<Record> rows(TenantContext t) {
        return db.tenant(t.appId()).selectFrom("_auth_hook_outbox").orderBy(DSL.field("id")).fetch();
    }

    static long lastSeq() {
        return ((Number) db.dsl().fetchValue("SELECT last_value FROM app._auth_event_sequence")).longValue();
    }

    static void after(TenantContext t, List<HookEvent.Operation> payloads, HookContext ctx) {
        db.transaction(cfg -> dispatcher.after(t, cfg.dsl(), payloads, ctx));
    }

    @Test
    void signupWritesAfterEventsThenOneUserSyncPerOperation() {
        TenantContext t = tenant("app-signup", "after_user_create", HOOK, "after_session_create", HOOK, "user_sync", HOOK);
        storeUser(t, "u1", false);

        after(t, List.of(new UserCreateEvent(user("u1"), List.of(identity("p1"))),
                new SessionCreateEvent(SessionCreateEvent.Reason.SIGNUP, user("u1"), identity("p1"), session("s1"))),
                HookContext.of(null, "req-1"));

        List<Record> rows = rows(t);
        assertThat(rows).extracting(r -> r.get("event_type", String.class))
                .containsExactly("after_user_create", "after_session_create", "user_sync", "user_sync");
        long first = rows.getFirst().get("seq", Long.class);
        assertThat(rows).extracting(r -> r.get("seq", Long.class)).containsExactly(first, first + 1, first + 2, first + 3);
        for (Record row : rows) {
            String body = row.get("body", String.class);
            JsonNode event = Json.mapper().readTree(body);
            assertThat(event.get("id").stringValue()).isEqualTo(HookEvent.idOf(row.get("seq", Long.class)));
            assertThat(event.get("type").stringValue()).isEqualTo(row.get("event_type", String.class));
            assertThat(event.get("context").get("request_id").stringValue()).isEqualTo("req-1");
            assertThat(HookSignature.verify(HookTenants.SECRET, body.getBytes(StandardCharsets.UTF_8),
                    row.get("signature", String.class))).isTrue();
            assertThat(row.get("url", String.class)).isEqualTo(HOOK);
            assertThat(row.get("status", String.class)).isEqualTo("pending");
            assertThat(row.get("attempts", Integer.class)).isZero();
            assertThat(row.get("next_attempt_at", LocalDateTime.class)).isEqualTo(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            assertThat(row.get("delivered_at", LocalDateTime.class)).isNull();
        }
    }

    @Test
    void rolledBackTransactionLeavesNoRows() {
        TenantContext t = tenant("app-rollback", "after_user_create", HOOK, "user_sync", HOOK);

        assertThatThrownBy(() -> db.transaction(cfg -> {
            dispatcher.after(t, cfg.dsl(), new UserCreateEvent(user("u1"), List.of()), HookContext.none());
            assertThat(db.tenant(t.appId()).using(cfg.dsl()).selectFrom("_auth_hook_outbox").fetch()).hasSize(1);
            throw new IllegalStateException("operation failed later");
        })).hasMessageContaining("operation failed later");

        assertThat(rows(t)).isEmpty();
    }

    @Test
    void userSyncCarriesTheUserAsStoredInTheTransaction() {
        TenantContext t = tenant("app-sync", "user_sync", HOOK);

        db.transaction(cfg -> {
            db.tenant(t.appId()).using(cfg.dsl()).insertInto("_core_user")
                    .set(DSL.field("id"), "u-sync").set(DSL.field("disabled"), true).execute();
            // the payload's user is the snapshot before the change; user_sync re-reads it
            dispatcher.after(t, cfg.dsl(), UserUpdateEvent.disabled(user("u-sync"), true), HookContext.none());
        });

        List<Record> rows = rows(t);
        assertThat(rows).extracting(r -> r.get("event_type", String.class)).containsExactly("user_sync");
        JsonNode synced = Json.mapper().readTree(rows.getFirst().get("body", String.class)).get("payload").get("user");
        assertThat(synced.get("id").stringValue()).isEqualTo("u-sync");
        assertThat(synced.get("is_disabled").booleanValue()).isTrue();
    }

    @Test
    void typesWithoutAHookWriteNothingAndTakeNoSeq() {
        TenantContext t = tenant("app-quiet", "before_user_create", HOOK, "after_session_delete", HOOK);
        storeUser(t, "u-quiet", false);
        long last = lastSeq();

        after(t, List.of(new UserCreateEvent(user("u-quiet"), List.of())), HookContext.none());

        assertThat(rows(t)).isEmpty();
        assertThat(lastSeq()).isEqualTo(last);
    }

    @Test
    void eachHookOfATypeGetsItsOwnRowOfTheSameEvent() {
        TenantContext t = tenant("app-two", "after_identity_create", "http://a.example.com/1",
                "after_identity_create", "http://b.example.com/2");

        after(t, List.of(new IdentityCreateEvent(user("u1"), identity("p2"))), HookContext.none());

        List<Record> rows = rows(t);
        assertThat(rows).extracting(r -> r.get("url", String.class))
                .containsExactly("http://a.example.com/1", "http://b.example.com/2");
        assertThat(rows.get(0).get("seq", Long.class)).isEqualTo(rows.get(1).get("seq", Long.class));
        assertThat(rows.get(0).get("body", String.class)).isEqualTo(rows.get(1).get("body", String.class));
    }

    @Test
    void passwordUpdateIsSentAsAfterPasswordUdpateWhicheverSpellingTheConfigUses() {
        TenantContext t = tenant("app-typo", "after_password_update", "http://a.example.com/correct",
                "after_password_udpate", "http://a.example.com/typo");

        after(t, List.of(new PasswordUpdateEvent(PasswordUpdateEvent.Reason.RESET_PASSWORD, user("u1"))), HookContext.none());

        List<Record> rows = rows(t);
        assertThat(rows).hasSize(2);
        for (Record row : rows) {
            assertThat(row.get("event_type", String.class)).isEqualTo("after_password_udpate");
            assertThat(Json.mapper().readTree(row.get("body", String.class)).get("type").stringValue())
                    .isEqualTo("after_password_udpate");
        }
    }

    @Test
    void deletedUserGetsNoUserSync() {
        TenantContext t = tenant("app-gone", "after_identity_delete", HOOK, "user_sync", HOOK);

        after(t, List.of(new IdentityDeleteEvent(user("u-gone"), identity("p1"))), HookContext.none());

        assertThat(rows(t)).extracting(r -> r.get("event_type", String.class)).containsExactly("after_identity_delete");
    }

    @Test
    void relativeHookUrlIsStoredResolved() {
        TenantContext t = tenant("app-rel", "after_session_delete", "/hooks/after");

        after(t, List.of(new SessionDeleteEvent(SessionDeleteEvent.Reason.REVOKE, user("u1"), identity("p1"), session("s1"))),
                HookContext.of(java.net.URI.create("https://api.example.com"), null));

        assertThat(rows(t).getFirst().get("url", String.class)).isEqualTo("https://api.example.com/hooks/after");
    }

    @Test
    void outboxTableIsIndexedForTheWorkerAndByAppAndUndoDropsIt() throws SQLException {
        try (Connection c = database.connection()) {
            TestSchema schema = TestSchema.create(c, "outbox_check");
            SqlScripts.run(c, "io/skygear/migrations/auth/up/V1790000200__hook_outbox.sql");
            assertThat(schema.columns("_auth_hook_outbox")).contains("app_id text NOT NULL", "body text NOT NULL",
                    "status text NOT NULL DEFAULT 'pending'::text", "attempts integer NOT NULL DEFAULT 0");
            assertThat(schema.indexes("_auth_hook_outbox")).contains(
                    "_auth_hook_outbox_app_id_idx USING btree (app_id, created_at)",
                    "_auth_hook_outbox_due_idx USING btree (next_attempt_at, id) WHERE (status = 'pending'::text)");

            SqlScripts.run(c, "io/skygear/migrations/auth/down/U1790000200__hook_outbox.sql");
            assertThat(schema.tables()).isEmpty();
        }
    }
}
