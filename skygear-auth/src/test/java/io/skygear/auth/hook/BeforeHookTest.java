package io.skygear.auth.hook;

import static io.skygear.auth.hook.HookTenants.identity;
import static io.skygear.auth.hook.HookTenants.tenant;
import static io.skygear.auth.hook.HookTenants.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.skygear.auth.hook.HookReceiver.Answer;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.hook.HookDispatcher;
import io.skygear.auth.internal.hook.HookHttp;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.hook.OutboxWorker;
import io.skygear.auth.testing.MigratedDatabase;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Before-hooks: called in order inside the transaction, may refuse or mutate, fail closed. */
class BeforeHookTest {

    static Database db;
    static TestServer server;
    static HookReceiver receiver = new HookReceiver();
    static MutableClock clock = new MutableClock(Instant.parse("2019-11-29T10:00:00Z"));
    static HookDispatcher dispatcher;
    static OutboxWorker worker;

    @BeforeAll
    static void start() {
        db = MigratedDatabase.create("1790000200__hook_outbox").open();
        server = new TestServer().servlet(receiver, "/hooks/*").servlet(new BaseUriServlet(), "/base").start();
        HookHttp http = new HookHttp(Duration.ofSeconds(2));
        worker = new OutboxWorker(clock, http, new OutboxSettings(3, Duration.ofHours(1), Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 1, Duration.ofDays(1)));
        dispatcher = new HookDispatcher(DatabaseResolver.fixed(db), clock, http, (t, trx, id) -> Optional.empty(), worker);
    }

    @AfterAll
    static void stop() {
        worker.close();
        server.close();
        db.close();
    }

    @BeforeEach
    void reset() {
        receiver.reset();
    }

    static String url(String path) {
        return server.uri(path).toString();
    }

    static BeforeHookResult before(TenantContext tenant, HookEvent.Operation payload, HookContext ctx) {
        return db.transactionResult(cfg -> dispatcher.before(tenant, cfg.dsl(), payload, ctx));
    }

    static UserCreateEvent signup() {
        return new UserCreateEvent(user("u1"), List.of(identity("p1")));
    }

    static long lastSeq() {
        return ((Number) db.dsl().fetchValue("SELECT last_value FROM app._auth_event_sequence")).longValue();
    }

    @Test
    void allowedHookLeavesThePayloadUnchangedAndReceivesASignedEvent() {
        TenantContext t = tenant("app-allow", "before_user_create", url("/hooks/a"));

        BeforeHookResult result = before(t, signup(), HookContext.of(null, "req-7"));

        assertThat(result.payload()).isEqualTo(signup());
        assertThat(result.mutations().empty()).isTrue();
        HookReceiver.Received r = receiver.received("/hooks/a").getFirst();
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(HookSignature.verify(HookTenants.SECRET, r.body(), r.signature())).isTrue();
        JsonNode event = r.json();
        assertThat(event.get("type").stringValue()).isEqualTo("before_user_create");
        assertThat(event.get("id").stringValue()).isEqualTo(HookEvent.idOf(event.get("seq").longValue()));
        assertThat(event.get("payload").get("user").get("id").stringValue()).isEqualTo("u1");
        assertThat(event.get("context").get("request_id").stringValue()).isEqualTo("req-7");
        assertThat(event.get("context").get("timestamp").longValue()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(event.get("context").get("user_id").isNull()).isTrue();
    }

    @Test
    void seqComesFromTheEventSequenceOncePerBeforeEvent() {
        TenantContext t = tenant("app-seq", "before_user_create", url("/hooks/s1"), "before_user_create", url("/hooks/s2"));
        long last = lastSeq();

        before(t, signup(), HookContext.none());
        before(t, signup(), HookContext.none());

        List<Long> seqs = receiver.all().stream().map(r -> r.json().get("seq").longValue()).toList();
        // both hooks of one event see the same seq; the next event takes the next number
        assertThat(seqs).containsExactly(last + 1, last + 1, last + 2, last + 2);
    }

    @Test
    void operationsWithoutABeforeHookCallNothingAndTakeNoSeq() {
        TenantContext t = tenant("app-none", "after_user_create", url("/hooks/after"), "before_session_create", url("/hooks/x"));
        long last = lastSeq();

        BeforeHookResult result = before(t, signup(), HookContext.none());

        assertThat(result.payload()).isEqualTo(signup());
        assertThat(receiver.all()).isEmpty();
        assertThat(lastSeq()).isEqualTo(last);
    }

    @Test
    void hooksRunInConfigOrderAndLaterHooksSeeAndOverrideEarlierMutations() {
        TenantContext t = tenant("app-mutate", "before_user_create", url("/hooks/m1"), "before_user_create", url("/hooks/m2"));
        receiver.answer("/hooks/m1", Answer.json("""
                {"is_allowed":true,"mutations":{"is_disabled":true,"metadata":{"tier":"gold"},"verify_info":{"john@example.com":true}}}"""));
        receiver.answer("/hooks/m2", Answer.json("""
                {"is_allowed":true,"mutations":{"is_disabled":false,"is_verified":true}}"""));

        BeforeHookResult result = before(t, signup(), HookContext.none());

        List<HookReceiver.Received> calls = receiver.all();
        assertThat(calls).extracting(HookReceiver.Received::path).containsExactly("/hooks/m1", "/hooks/m2");
        JsonNode secondSees = calls.get(1).json().get("payload").get("user");
        assertThat(secondSees.get("is_disabled").booleanValue()).isTrue();
        assertThat(secondSees.get("metadata").get("tier").stringValue()).isEqualTo("gold");

        assertThat(result.mutations()).isEqualTo(new io.skygear.auth.hook.Mutations(Optional.of(false), Optional.of(true),
                Optional.of(Map.of("john@example.com", true)), Optional.of(Map.of("tier", "gold"))));
        HookUser mutated = result.payload().user();
        assertThat(mutated.isDisabled()).isFalse();
        assertThat(mutated.isVerified()).isTrue();
        assertThat(mutated.metadata()).isEqualTo(Map.of("tier", "gold"));
        assertThat(mutated.verifyInfo()).isEqualTo(Map.of("john@example.com", true));
    }

    @Test
    void refusalIsWebHookDisallowedWithReasonAndDataAndStopsLaterHooks() {
        TenantContext t = tenant("app-deny", "before_user_create", url("/hooks/d1"), "before_user_create", url("/hooks/d2"));
        receiver.answer("/hooks/d1", Answer.json("""
                {"is_allowed":false,"reason":"email domain not allowed","data":{"fields":["email"]}}"""));

        SkygearException e = catchThrowableOfType(SkygearException.class, () -> before(t, signup(), HookContext.none()));

        assertThat(e.name()).isEqualTo(ErrorName.FORBIDDEN);
        assertThat(e.reason()).isEqualTo("WebHookDisallowed");
        assertThat(e.getMessage()).isEqualTo("disallowed by web-hook event handler");
        assertThat(e.info()).isEqualTo(Map.of("reasons",
                List.of(Map.of("reason", "email domain not allowed", "data", Map.of("fields", List.of("email"))))));
        assertThat(receiver.received("/hooks/d2")).isEmpty();
    }

    @Test
    void refusalWithoutDataHasOnlyAReason() {
        TenantContext t = tenant("app-deny2", "before_password_update", url("/hooks/d"));
        receiver.answer("/hooks/d", Answer.json("{\"is_allowed\":false,\"reason\":\"no\"}"));

        SkygearException e = catchThrowableOfType(SkygearException.class, () -> before(t,
                new PasswordUpdateEvent(PasswordUpdateEvent.Reason.CHANGE_PASSWORD, user("u1")), HookContext.none()));

        assertThat(e.info()).isEqualTo(Map.of("reasons", List.of(Map.of("reason", "no"))));
    }

    @Test
    void refusalRollsBackTheCallersTransaction() {
        TenantContext t = tenant("app-rollback", "before_user_create", url("/hooks/r"));
        receiver.answer("/hooks/r", Answer.json("{\"is_allowed\":false,\"reason\":\"no\"}"));

        assertThatThrownBy(() -> db.transaction(cfg -> {
            db.tenant(t.appId()).using(cfg.dsl()).insertInto("_core_user").set(DSL.field("id"), "u-rolled-back").execute();
            dispatcher.before(t, cfg.dsl(), signup(), HookContext.none());
        })).isInstanceOf(SkygearException.class);

        assertThat(db.tenant(t.appId()).selectFrom("_core_user", DSL.field("id").eq("u-rolled-back")).fetch()).isEmpty();
    }

    @Test
    void hookSlowerThanThePerRequestTimeoutFailsTheOperation() {
        TenantContext t = tenant("app-slow", 1, 10, "before_user_create", url("/hooks/slow"));
        receiver.answer("/hooks/slow", HookReceiver.ALLOW.after(Duration.ofMillis(2500)));

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "timed out after 1000 ms");
    }

    @Test
    void totalBudgetIsCheckedBeforeEachCall() {
        TenantContext t = tenant("app-budget", 5, 10, "before_user_create", url("/hooks/b1"), "before_user_create", url("/hooks/b2"));
        // the first hook answers in time, but (by the injected clock) 11 s have passed when the second is due
        receiver.answer("/hooks/b1", HookReceiver.ALLOW.afterRunning(() -> clock.advance(Duration.ofSeconds(11))));

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "exceeded the total timeout of 10 s");
        assertThat(receiver.received("/hooks/b1")).hasSize(1);
        assertThat(receiver.received("/hooks/b2")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "{}",
            "{\"is_allowed\":\"yes\"}",
            "{\"is_allowed\":true,\"extra\":1}",
            "{\"is_allowed\":true,\"reason\":\"why\"}",
            "{\"is_allowed\":true,\"mutations\":[]}",
            "{\"is_allowed\":true,\"mutations\":{\"is_disabled\":\"true\"}}",
            "{\"is_allowed\":true,\"mutations\":{\"verify_info\":{\"a\":1}}}",
            "{\"is_allowed\":true,\"mutations\":{\"metadata\":\"x\"}}",
            "{\"is_allowed\":true,\"mutations\":{\"password\":\"x\"}}",
            "{\"is_allowed\":false}",
            "{\"is_allowed\":false,\"reason\":\"\"}",
            "{\"is_allowed\":false,\"reason\":\"no\",\"data\":[1]}",
            "{\"is_allowed\":false,\"reason\":\"no\",\"mutations\":{}}",
            "{\"is_allowed\":true,\"is_allowed\":false,\"reason\":\"dup\"}",
            "{\"is_allowed\":true} trailing"})
    void answerOffTheSchemaFailsTheOperation(String answer) {
        TenantContext t = tenant("app-bad", "before_user_create", url("/hooks/bad"));
        receiver.answer("/hooks/bad", Answer.json(answer));

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "invalid hook response");
    }

    @Test
    void non2xxStatusFailsTheOperation() {
        TenantContext t = tenant("app-500", "before_user_create", url("/hooks/err"));
        receiver.answer("/hooks/err", Answer.status(503));

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "answered HTTP 503");
    }

    @Test
    void redirectsAreNotFollowed() {
        TenantContext t = tenant("app-redirect", "before_user_create", url("/hooks/moved"));
        receiver.answer("/hooks/moved", Answer.redirect(url("/hooks/target")));

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "answered HTTP 302");
        assertThat(receiver.received("/hooks/target")).isEmpty();
    }

    @Test
    void unreachableHookFailsTheOperation() {
        TenantContext t = tenant("app-down", "before_user_create", "http://127.0.0.1:1/hook");

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "failed");
    }

    @Test
    void relativeUrlIsResolvedAgainstTheRequestsBaseUri() {
        TenantContext t = tenant("app-relative", "before_user_create", "/hooks/relative");

        before(t, signup(), HookContext.of(server.uri(""), null));

        assertThat(receiver.received("/hooks/relative")).hasSize(1);
    }

    @Test
    void relativeUrlWithoutABaseUriIsAConfigurationError() {
        TenantContext t = tenant("app-relative2", "before_user_create", "/hooks/relative");

        assertFailsWith(() -> before(t, signup(), HookContext.none()), "relative hook URL /hooks/relative");
        assertThat(receiver.all()).isEmpty();
    }

    @Test
    void contextNamesTheRequestingSession() {
        TenantContext t = tenant("app-ctx", "before_session_delete", url("/hooks/ctx"));
        HookContext ctx = HookContext.of(null, "req-9").withSession("u1", "p1", Map.of("id", "s1"));

        before(t, new SessionDeleteEvent(SessionDeleteEvent.Reason.LOGOUT, user("u1"), identity("p1"), Map.of("id", "s1")), ctx);

        JsonNode context = receiver.received("/hooks/ctx").getFirst().json().get("context");
        assertThat(context.get("user_id").stringValue()).isEqualTo("u1");
        assertThat(context.get("identity_id").stringValue()).isEqualTo("p1");
        assertThat(context.get("session").get("id").stringValue()).isEqualTo("s1");
    }

    @Test
    void baseUriFollowsForwardedProtoAndHostElseTheRequest() {
        HttpRequest forwarded = HttpRequest.newBuilder(server.uri("/base"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "api.example.com, proxy.local")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(server.send(forwarded).body()).isEqualTo("https://api.example.com");

        HttpRequest direct = HttpRequest.newBuilder(server.uri("/base")).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(server.send(direct).body()).isEqualTo(server.uri("").toString());

        HttpRequest hostile = HttpRequest.newBuilder(server.uri("/base"))
                .header("X-Forwarded-Host", "evil.example/path?x").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(server.send(hostile).body()).isEqualTo("none");
    }

    private static void assertFailsWith(Runnable call, String causeMessage) {
        SkygearException e = catchThrowableOfType(SkygearException.class, call::run);
        assertThat(e).as("expected a failure").isNotNull();
        assertThat(e.name()).isEqualTo(ErrorName.INTERNAL_ERROR);
        assertThat(e.reason()).isEqualTo("UnexpectedError");
        assertThat(e.getMessage()).isEqualTo("unexpected error occurred");
        assertThat(e.getCause()).hasMessageContaining(causeMessage);
    }

    /** Answers with the base URI HookContext derives from the request. */
    static final class BaseUriServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write(HookContext.from(request).baseUri().map(URI::toString).orElse("none"));
        }
    }
}
