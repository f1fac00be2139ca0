package io.skygear.auth;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skygear.auth.testing.MutableClock;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import tools.jackson.databind.JsonNode;

/**
 * The auth gear as a host app mounts it, for the endpoint tests: one fresh PostgreSQL database migrated
 * with the real engine (core + auth), Jetty with RequestIdFilter → TenantFilter → AccessKeyFilter →
 * AccessTokenFilter → the gear's servlet at {@code /_auth/*}, {@code /api/whoami}, a host servlet
 * echoing {@link AuthContext}, and {@code /hooks/*}, a hook receiver. Three tenants share the database:
 * {@value #APP_A} (default), {@value #APP_B} and {@value #APP_HOOKS}, chosen per request with the
 * {@value #APP_HEADER} header. Time stands still at
 * {@link #T0} until a test moves {@link #clock}.
 */
final class AuthFixture implements AutoCloseable {

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final String APP_A = "app-a";
    static final String APP_B = "app-b";
    /** A tenant whose hooks call {@code /hooks/*} of the fixture's own server ({@link HookEndpoint}). */
    static final String APP_HOOKS = "app-hooks";
    /** MFA enabled, enforcement {@code optional}: one TOTP and one OOB per channel, recovery codes listable. */
    static final String APP_MFA = "app-mfa";
    /** MFA enabled, enforcement {@code required}: one TOTP, 8 recovery codes, not listable. */
    static final String APP_MFA_REQUIRED = "app-mfa-required";
    static final String APP_HEADER = "X-Test-App";
    static final String PASSWORD = "secret-pw-1";

    /** Header transport with refresh tokens. */
    static final String WEB = "web";
    /** Cookie transport (refresh tokens forced off), SameSite strict. */
    static final String COOKIE = "cookie";
    /** Header transport, refresh tokens disabled. */
    static final String NO_REFRESH = "norefresh";

    /** A session as signup or login returned it. */
    record Login(String userId, String sessionId, String accessToken, Optional<String> refreshToken, JsonNode result) {
    }

    /** One HTTP answer with its body parsed when it is JSON. */
    record Reply(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            return Json.mapper().readTree(body);
        }

        JsonNode result() {
            return json().get("result");
        }

        JsonNode error() {
            return json().get("error");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        List<String> cookies() {
            return headers.allValues("Set-Cookie");
        }
    }

    final MutableClock clock = new MutableClock(T0);
    /** Every before-hook event received, in order. */
    final List<JsonNode> beforeHooks = new CopyOnWriteArrayList<>();
    /** The gear's meters (AuthMetricsTest reads them). */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Database database;
    final AuthGear gear;
    final TestServer server;

    private AuthFixture(AuthSettings settings) {
        TestDatabase testDatabase = TestDatabase.create();
        database = Database.builder().jdbcUrl(testDatabase.jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(24).minimumIdle(0).build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        gear = AuthGear.builder().databases(DatabaseResolver.fixed(database)).settings(settings).clock(clock)
                .meterRegistry(meters).build();
        Map<String, TenantContext> tenants = Map.of(
                APP_A, TenantContext.of(config(APP_A, false, "")),
                APP_B, TenantContext.of(config(APP_B, true, "")),
                APP_HOOKS, TenantContext.of(config(APP_HOOKS, false, HOOKS)),
                APP_MFA, TenantContext.of(config(APP_MFA, false, MFA_OPTIONAL)),
                APP_MFA_REQUIRED, TenantContext.of(config(APP_MFA_REQUIRED, false, MFA_REQUIRED)));
        server = new TestServer()
                .filter(new RequestIdFilter(), "/*")
                .filter(new TenantFilter(r -> Optional.ofNullable(tenants.get(
                        Optional.ofNullable(r.getHeader(APP_HEADER)).orElse(APP_A)))), "/*")
                .filter(new AccessKeyFilter(), "/*")
                .filter(gear.accessTokenFilter(), "/*")
                .servlet(gear.servlet(), "/_auth/*")
                .servlet(new WhoAmI(), "/api/whoami")
                .servlet(new HookEndpoint(beforeHooks), "/hooks/*")
                .start();
    }

    /** How long a node trusts a cached session in the fixture; {@link #disable} moves the clock past it. */
    static final Duration CACHE_TTL = Duration.ofSeconds(1);

    /** Insecure cookies (plain HTTP), a short session cache, login limits high enough not to interfere. */
    static AuthFixture start() {
        return start(settings().build());
    }

    /** The fixture's settings, to vary. */
    static AuthSettings.Builder settings() {
        return AuthSettings.builder()
                .insecureCookie(true)
                .sessionCacheTtl(CACHE_TTL)
                .loginLimitPerIp(new AuthSettings.RateLimit(10_000, Duration.ofMinutes(1)))
                .mfaLimitPerIp(new AuthSettings.RateLimit(10_000, Duration.ofMinutes(1)));
    }

    static AuthFixture start(AuthSettings settings) {
        return new AuthFixture(settings);
    }

    /** {@code user_config.mfa} of {@link #APP_MFA} (indented: it continues {@code user_config}). */
    private static final String MFA_OPTIONAL = """
              mfa:
                enabled: true
                enforcement: optional
                maximum: 3
                totp:
                  maximum: 1
                oob:
                  sms:
                    maximum: 1
                  email:
                    maximum: 1
                bearer_token:
                  expire_in_days: 30
                recovery_code:
                  count: 10
                  list_enabled: true
            """;

    /** {@code user_config.mfa} of {@link #APP_MFA_REQUIRED}. */
    private static final String MFA_REQUIRED = """
              mfa:
                enabled: true
                enforcement: required
                totp:
                  maximum: 1
                recovery_code:
                  count: 8
            """;

    private static final String HOOKS = """
            hooks:
              - event: before_user_create
                url: /hooks/before
              - event: before_session_create
                url: /hooks/before
              - event: before_session_delete
                url: /hooks/before
              - event: before_password_update
                url: /hooks/before
              - event: before_user_update
                url: /hooks/before
              - event: after_password_udpate
                url: /hooks/after
              - event: after_user_update
                url: /hooks/after
              - event: after_user_create
                url: /hooks/after
              - event: after_session_create
                url: /hooks/after
              - event: after_session_delete
                url: /hooks/after
              - event: user_sync
                url: /hooks/after
            """;

    /**
     * Tenant {@code appId}: login ID keys email and username (at most one each), password policy min
     * length 6 and no reuse of the last 2 passwords, three clients; {@code extra} is appended at the top
     * level (e.g. hooks).
     */
    static TenantConfig config(String appId, boolean allowCreateDuplicate, String extra) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %1$s
                app_name: %1$s
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: %2$s
                  clients:
                    - id: web
                      name: Web
                      api_key: %3$s
                      session_transport: header
                    - id: cookie
                      name: Browser
                      api_key: %4$s
                      session_transport: cookie
                      same_site: strict
                    - id: norefresh
                      name: No refresh
                      api_key: %5$s
                      session_transport: header
                      refresh_token_disabled: true
                  auth:
                    authentication_session:
                      secret: authn-secret-%1$s
                    login_id_keys:
                      - key: email
                        type: email
                      - key: username
                        type: raw
                    on_user_duplicate_allow_create: %6$s
                  password_policy:
                    min_length: 6
                    history_size: 2
                  hook:
                    secret: hook-secret-%1$s
                  asset:
                    secret: asset-secret-%1$s
                """.formatted(appId, masterKey(appId), apiKey(appId, WEB), apiKey(appId, COOKIE),
                apiKey(appId, NO_REFRESH), allowCreateDuplicate) + extra);
    }

    static String masterKey(String appId) {
        return "master-key-" + appId;
    }

    static String apiKey(String appId, String client) {
        return client + "-api-key-" + appId;
    }

    /** The API key header of client {@link #WEB} of tenant A. */
    static String[] key() {
        return key(APP_A, WEB);
    }

    /** {@code X-Test-App} and {@code X-Skygear-API-Key} for {@code client} of {@code appId}. */
    static String[] key(String appId, String client) {
        return new String[] {APP_HEADER, appId, "X-Skygear-API-Key", apiKey(appId, client)};
    }

    /** {@code X-Test-App} and the master key of {@code appId}. */
    static String[] master(String appId) {
        return new String[] {APP_HEADER, appId, "X-Skygear-API-Key", masterKey(appId)};
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    static String[] headers(String[]... groups) {
        return Arrays.stream(groups).flatMap(Arrays::stream).toArray(String[]::new);
    }

    Reply post(String path, String json, String... headers) {
        return reply(server.postJson(path, json, headers));
    }

    Reply get(String path, String... headers) {
        return reply(server.get(path, headers));
    }

    Reply send(HttpRequest request) {
        return reply(server.send(request));
    }

    /** A fresh username, unique within the run. */
    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Signs up {@code username} with {@link #PASSWORD} as client {@link #WEB} of tenant A; must succeed. */
    Login signup(String username) {
        return signup(APP_A, """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(username, PASSWORD));
    }

    /** Signs up with {@code body} as client {@link #WEB} of {@code appId}; must succeed. */
    Login signup(String appId, String body) {
        return session(post("/_auth/signup", body, key(appId, WEB)));
    }

    /** Logs {@code username} in with {@link #PASSWORD} as client {@link #WEB} of tenant A; must succeed. */
    Login login(String username) {
        return session(post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(username, PASSWORD), key()));
    }

    private static Login session(Reply reply) {
        if (reply.status() != 200) {
            throw new AssertionError("expected 200, got " + reply.status() + ": " + reply.body());
        }
        JsonNode result = reply.result();
        return new Login(result.get("user").get("id").asString(), result.get("session_id").asString(),
                result.get("access_token").asString(),
                Optional.ofNullable(result.get("refresh_token")).map(JsonNode::asString), result);
    }

    /** jOOQ on the test database (schema {@code app}), for setting up and checking rows. */
    DSLContext sql() {
        return database.dsl();
    }

    /**
     * Disables a user directly in the database (as an operator would) and moves the clock past the
     * session cache, so that token checks see it.
     */
    void disable(String userId, String message, Instant expiry) {
        sql().execute("UPDATE app._core_user SET disabled = true, disabled_message = ?, disabled_expiry = ? WHERE id = ?",
                message, expiry == null ? null : java.time.LocalDateTime.ofInstant(expiry, java.time.ZoneOffset.UTC),
                userId);
        clock.advance(CACHE_TTL.plusMillis(1));
    }

    /** The single number {@code query} returns (plain SQL with bind values, for checking rows). */
    long count(String query, Object... binds) {
        return ((Number) sql().fetchValue(query, binds)).longValue();
    }

    @Override
    public void close() {
        server.close();
        gear.close();
        database.close();
    }

    private static Reply reply(HttpResponse<String> response) {
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    /**
     * The hooks of {@value #APP_HOOKS}: before-hooks are recorded and answer by the user's metadata
     * ({@code refuse: true} → not allowed; {@code mutate: true} → metadata replaced by
     * {@code {"mutated": true}}); after-hooks answer 200.
     */
    static final class HookEndpoint extends HttpServlet {

        private final List<JsonNode> beforeHooks;

        HookEndpoint(List<JsonNode> beforeHooks) {
            this.beforeHooks = beforeHooks;
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            JsonNode event = Json.mapper().readTree(request.getInputStream());
            String answer = "{}";
            if ("/before".equals(request.getPathInfo())) {
                beforeHooks.add(event);
                JsonNode metadata = event.path("payload").path("user").path("metadata");
                answer = metadata.path("refuse").asBoolean()
                        ? "{\"is_allowed\":false,\"reason\":\"refused by test\",\"data\":{\"code\":7}}"
                        : metadata.path("mutate").asBoolean()
                        ? "{\"is_allowed\":true,\"mutations\":{\"metadata\":{\"mutated\":true}}}"
                        : "{\"is_allowed\":true}";
            }
            response.setContentType("application/json");
            response.getWriter().write(answer);
        }
    }

    /** A host app servlet outside {@code /_auth}: echoes the caller. */
    static final class WhoAmI extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            AuthContext caller = AuthContext.of(request);
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("authenticated", caller.isAuthenticated());
            body.put("access_key", caller.accessKey().type().name());
            caller.clientId().ifPresent(id -> body.put("client_id", id));
            caller.userId().ifPresent(id -> body.put("user_id", id));
            caller.sessionId().ifPresent(id -> body.put("session_id", id));
            caller.identity().ifPresent(identity -> {
                body.put("identity_id", identity.id());
                body.put("identity_type", identity.type());
            });
            response.setContentType("application/json");
            response.getWriter().write(Json.mapper().writeValueAsString(body));
        }
    }
}
