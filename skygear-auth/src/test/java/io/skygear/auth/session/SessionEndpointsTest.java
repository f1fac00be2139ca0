package io.skygear.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.auth.AuthGear;
import io.skygear.auth.AuthSettings;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /_auth/session/list|get|revoke|revoke_all} through real HTTP on the auth gear, with
 * session_delete hooks (before, after, user_sync) delivered to a receiver on the same server.
 */
class SessionEndpointsTest {

    static final String API_KEY = "web-api-key";
    static final String PASSWORD = "secret-pw-1";

    static MutableClock clock = new MutableClock(Instant.parse("2024-03-01T10:00:00Z"));
    static Database database;
    static AuthGear gear;
    static TestServer server;
    static final List<JsonNode> hooks = new CopyOnWriteArrayList<>();

    /** A session as signup or login returned it. */
    record Login(String userId, String sessionId, String token) {
    }

    @BeforeAll
    static void start() {
        database = Database.builder().jdbcUrl(TestDatabase.create().jdbcUrl()).schema("app").maximumPoolSize(8)
                .minimumIdle(0).build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        gear = AuthGear.builder().databases(DatabaseResolver.fixed(database)).clock(clock)
                .settings(AuthSettings.builder().insecureCookie(true).outboxPollInterval(Duration.ofMillis(50)).build())
                .build();
        server = new TestServer()
                .filter(new RequestIdFilter(), "/*")
                .filter(new TenantFilter(StandaloneTenantResolver.of(config())), "/*")
                .filter(new AccessKeyFilter(), "/*")
                .filter(gear.accessTokenFilter(), "/*")
                .servlet(gear.servlet(), "/_auth/*")
                .servlet(new HookEndpoint(), "/hooks/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
        gear.close();
        database.close();
    }

    @Test
    void listShowsTheCallersSessionsOldestFirst() {
        String name = uniqueName();
        Login first = signup(name, "{}");
        clock.advance(Duration.ofSeconds(1));
        Login second = login(name, "okhttp/3.12.1");
        clock.advance(Duration.ofSeconds(1));
        Login third = login(name, "curl/7.64.0");
        signup(uniqueName(), "{}");

        HttpResponse<String> reply = post("/_auth/session/list", "{}", second.token());

        assertThat(reply.statusCode()).isEqualTo(200);
        JsonNode sessions = result(reply).get("sessions");
        assertThat(ids(sessions)).containsExactly(first.sessionId(), second.sessionId(), third.sessionId());
        JsonNode listed = sessions.get(2);
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("id", "identity_id", "identity_type",
                "identity_updated_at", "created_at", "last_accessed_at", "created_by_ip", "last_accessed_by_ip",
                "user_agent");
        assertThat(listed.get("identity_type").asString()).isEqualTo("password");
        assertThat(listed.get("created_by_ip").asString()).isEqualTo("127.0.0.1");
        assertThat(listed.get("user_agent").get("name").asString()).isEqualTo("curl");
    }

    @Test
    void listNeedsAUserAndAJsonObject() {
        Login login = signup(uniqueName(), "{}");

        HttpResponse<String> anonymous = server.postJson("/_auth/session/list", "{}", "X-Skygear-API-Key", API_KEY);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(error(anonymous).get("reason").asString()).isEqualTo("NotAuthenticated");
        assertThat(anonymous.headers().firstValue("x-skygear-try-refresh-token")).hasValue("true");
        assertThat(post("/_auth/session/list", "[]", login.token()).statusCode()).isEqualTo(400);
    }

    @Test
    void getReturnsOwnSessionAndHidesOthers() {
        String name = uniqueName();
        Login mine = signup(name, "{}");
        Login other = login(name, "x");
        Login stranger = signup(uniqueName(), "{}");

        HttpResponse<String> own = post("/_auth/session/get", sessionId(other.sessionId()), mine.token());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(result(own).get("session").get("id").asString()).isEqualTo(other.sessionId());

        for (String id : List.of(stranger.sessionId(), UUID.randomUUID().toString())) {
            HttpResponse<String> missing = post("/_auth/session/get", sessionId(id), mine.token());
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(error(missing)).isEqualTo(Json.mapper().readTree("""
                    {"name":"NotFound","reason":"SessionNotFound","message":"session not found","code":404}"""));
        }
    }

    @Test
    void sessionIdIsRequiredAndNotEmpty() {
        Login login = signup(uniqueName(), "{}");

        for (String path : List.of("/_auth/session/get", "/_auth/session/revoke")) {
            HttpResponse<String> missing = post(path, "{}", login.token());
            assertThat(missing.statusCode()).as(path).isEqualTo(400);
            assertThat(cause(missing).get("kind").asString()).isEqualTo("Required");
            assertThat(cause(missing).get("pointer").asString()).isEqualTo("/session_id");

            HttpResponse<String> empty = post(path, sessionId(""), login.token());
            assertThat(empty.statusCode()).as(path).isEqualTo(400);
            assertThat(cause(empty).get("kind").asString()).isEqualTo("StringLength");
        }
    }

    @Test
    void revokingTheCurrentSessionIsRefused() {
        Login login = signup(uniqueName(), "{}");

        HttpResponse<String> reply = post("/_auth/session/revoke", sessionId(login.sessionId()), login.token());

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(error(reply)).isEqualTo(Json.mapper().readTree("""
                {"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,
                 "info":{"causes":[{"kind":"General","pointer":"/session_id",
                                    "message":"session_id must not be current session"}]}}"""));
        assertThat(me(login.token())).isEqualTo(200);
    }

    @Test
    void revokingUnknownOrAnotherUsersSessionIsSilentlyIgnored() {
        Login login = signup(uniqueName(), "{}");
        Login stranger = signup(uniqueName(), "{}");

        for (String id : List.of(stranger.sessionId(), UUID.randomUUID().toString())) {
            HttpResponse<String> reply = post("/_auth/session/revoke", sessionId(id), login.token());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(result(reply)).isEqualTo(Json.mapper().readTree("{}"));
        }
        assertThat(me(stranger.token())).isEqualTo(200);
    }

    @Test
    void revokeEndsTheOtherSessionWithHooks() {
        String name = uniqueName();
        Login current = signup(name, "{}");
        Login other = login(name, "x");
        assertThat(me(other.token())).isEqualTo(200);
        hooks.clear();

        HttpResponse<String> reply = post("/_auth/session/revoke", sessionId(other.sessionId()), current.token());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(me(other.token())).isEqualTo(401);
        assertThat(me(current.token())).isEqualTo(200);
        // after-hooks of the earlier signup/login may still arrive (delivered asynchronously): pick ours
        JsonNode before = hooks.stream()
                .filter(h -> h.get("type").asString().equals("before_session_delete"))
                .findFirst().orElseThrow();
        assertThat(before.get("type").asString()).isEqualTo("before_session_delete");
        assertThat(before.get("payload").get("reason").asString()).isEqualTo("revoke");
        assertThat(before.get("payload").get("session").get("id").asString()).isEqualTo(other.sessionId());
        assertThat(before.get("payload").get("user").get("id").asString()).isEqualTo(current.userId());
        assertThat(Await.within(Duration.ofSeconds(5), () -> types().containsAll(
                List.of("before_session_delete", "after_session_delete", "user_sync")))).isTrue();
    }

    @Test
    void refusingBeforeHookKeepsTheSession() {
        String name = uniqueName();
        Login current = signup(name, "{\"refuse_session_delete\":true}");
        Login other = login(name, "x");

        HttpResponse<String> reply = post("/_auth/session/revoke", sessionId(other.sessionId()), current.token());

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(error(reply).get("reason").asString()).isEqualTo("WebHookDisallowed");
        assertThat(me(other.token())).isEqualTo(200);
    }

    @Test
    void revokeAllKeepsOnlyTheCurrentSession() {
        String name = uniqueName();
        Login a = signup(name, "{}");
        Login current = login(name, "x");
        Login c = login(name, "y");
        hooks.clear();

        HttpResponse<String> reply = post("/_auth/session/revoke_all", "{}", current.token());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(me(a.token())).isEqualTo(401);
        assertThat(me(c.token())).isEqualTo(401);
        assertThat(me(current.token())).isEqualTo(200);
        assertThat(ids(result(post("/_auth/session/list", "{}", current.token())).get("sessions")))
                .containsExactly(current.sessionId());
        assertThat(hooks.stream().filter(h -> h.get("type").asString().equals("before_session_delete"))
                .map(h -> h.get("payload").get("session").get("id").asString()))
                .containsExactlyInAnyOrder(a.sessionId(), c.sessionId());
        assertThat(Await.within(Duration.ofSeconds(5),
                () -> types().stream().filter("after_session_delete"::equals).count() == 2)).isTrue();
    }

    static Login signup(String username, String metadata) {
        HttpResponse<String> reply = server.postJson("/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s","metadata":%s}"""
                .formatted(username, PASSWORD, metadata), "X-Skygear-API-Key", API_KEY);
        return session(reply);
    }

    static Login login(String username, String userAgent) {
        return session(server.postJson("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(username, PASSWORD),
                "X-Skygear-API-Key", API_KEY, "User-Agent", userAgent));
    }

    static Login session(HttpResponse<String> reply) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        JsonNode result = result(reply);
        return new Login(result.get("user").get("id").asString(), result.get("session_id").asString(),
                result.get("access_token").asString());
    }

    static int me(String token) {
        return post("/_auth/me", "{}", token).statusCode();
    }

    static HttpResponse<String> post(String path, String body, String token) {
        return server.postJson(path, body, "X-Skygear-API-Key", API_KEY, "Authorization", "Bearer " + token);
    }

    static String sessionId(String id) {
        return "{\"session_id\":\"" + id + "\"}";
    }

    static JsonNode result(HttpResponse<String> reply) {
        return Json.mapper().readTree(reply.body()).get("result");
    }

    static JsonNode error(HttpResponse<String> reply) {
        return Json.mapper().readTree(reply.body()).get("error");
    }

    static JsonNode cause(HttpResponse<String> reply) {
        return error(reply).get("info").get("causes").get(0);
    }

    static List<String> ids(JsonNode sessions) {
        return StreamSupport.stream(sessions.spliterator(), false).map(s -> s.get("id").asString()).toList();
    }

    static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(node.propertyNames().spliterator(), false).toList();
    }

    static List<String> types() {
        return hooks.stream().map(h -> h.get("type").asString()).toList();
    }

    static String uniqueName() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    static TenantConfig config() {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: sessions-http
                app_name: sessionshttp
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: master-key
                  clients:
                    - id: web
                      name: Web
                      api_key: %s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: authn-secret
                    login_id_keys:
                      - key: username
                        type: raw
                  hook:
                    secret: hook-secret
                  asset:
                    secret: asset-secret
                hooks:
                  - event: before_session_delete
                    url: /hooks/before
                  - event: after_session_delete
                    url: /hooks/after
                  - event: user_sync
                    url: /hooks/after
                """.formatted(API_KEY));
    }

    /** Records every hook event; refuses session_delete when the user's metadata asks for it. */
    static final class HookEndpoint extends HttpServlet {

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            JsonNode event = Json.mapper().readTree(request.getInputStream());
            hooks.add(event);
            boolean refuse = event.path("payload").path("user").path("metadata").path("refuse_session_delete").asBoolean();
            response.setContentType("application/json");
            response.getWriter().write(refuse ? "{\"is_allowed\":false,\"reason\":\"refused by test\"}" : "{\"is_allowed\":true}");
        }
    }
}
