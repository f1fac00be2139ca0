package io.skygear.gateway;

import io.skygear.auth.AuthGear;
import io.skygear.auth.AuthSettings;
import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.DeploymentRouteType;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.Json;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as a host app mounts it, for the feature tests: a config database ({@code app_config},
 * migrated with the real engine) and a tenant database (core, auth, asset) on the shared embedded PostgreSQL;
 * the auth gear in-process; a second Jetty on loopback as the deployment backend ({@link Echo} at
 * {@code /*}); and the gateway's Jetty with {@link GatewayFilter} at {@code /*} in front of a host
 * servlet at {@code /host/*}. Two tenants: {@value #APP_A} at {@value #HOST_A} on plan "pro" (auth
 * on, quotas) and {@value #APP_B} at {@value #HOST_B} on plan "basic" (auth off). Requests choose the
 * tenant with the Host header.
 */
final class GatewayFixture implements AutoCloseable {

    static final String APP_A = "app-a";
    static final String APP_B = "app-b";
    static final String HOST_A = "a.example.test";
    static final String HOST_B = "b.example.test";
    static final String ADMIN_KEY = "admin-key-0123456789";

    /** One HTTP answer, its body parsed on demand. */
    record Reply(int status, String body, HttpHeaders headers) {

        JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    final Database configDb;
    final Database appDb;
    final AuthGear auth;
    final TestServer backend;
    final GatewayFilter gateway;
    final TestServer server;
    final GatewayAdmin admin;
    final Plan pro;
    final Plan basic;
    final App appA;
    final App appB;

    private GatewayFixture(UnaryOperator<GatewaySettings.Builder> settings,
                           BiFunction<GatewayFilter.Builder, GatewayFixture, GatewayFilter.Builder> gears) {
        TestDatabase db = TestDatabase.create();
        configDb = Database.builder().jdbcUrl(db.jdbcUrl()).username("postgres").schema("app_config")
                .maximumPoolSize(8).minimumIdle(0).build();
        appDb = Database.builder().jdbcUrl(db.jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(8).minimumIdle(0).build();
        Migrations.configure().database(configDb).modules("gateway").load().up();
        Migrations.configure().database(appDb).modules("core", "auth", "asset").load().up();
        auth = AuthGear.builder().databases(DatabaseResolver.fixed(appDb))
                .settings(AuthSettings.builder().insecureCookie(true).build()).build();
        backend = new TestServer().servlet(new Echo(), "/*").start();
        gateway = gears.apply(GatewayFilter.builder()
                        .configDatabase(configDb)
                        .gear("auth", Gear.of(auth.servlet(), auth.accessTokenFilter()))
                        .settings(settings.apply(GatewaySettings.builder().adminKey(ADMIN_KEY)).build()), this)
                .build();
        server = new TestServer().filter(gateway, "/*").servlet(new HostServlet(), "/host/*").start();
        admin = gateway.admin();
        pro = admin.createPlan("pro", Map.of("auth", true, "echo", true),
                new TenantQuotas(OptionalLong.of(1000), OptionalLong.of(1 << 20), OptionalLong.empty()));
        basic = admin.createPlan("basic", Map.of("auth", false), TenantQuotas.unlimited());
        appA = admin.createApp(APP_A, pro.id(), config(APP_A), List.of(HOST_A));
        appB = admin.createApp(APP_B, basic.id(), config(APP_B), List.of(HOST_B));
    }

    static GatewayFixture start() {
        return new GatewayFixture(s -> s, (g, backend) -> g);
    }

    /** With settings and gears of the test's own ({@code gears} gets the fixture: its databases and backend are ready). */
    static GatewayFixture start(UnaryOperator<GatewaySettings.Builder> settings,
                                BiFunction<GatewayFilter.Builder, GatewayFixture, GatewayFilter.Builder> gears) {
        return new GatewayFixture(settings, gears);
    }

    /** A further app on {@code plan} at {@code host}, for tests that change it. */
    App newApp(String name, Plan plan, String host) {
        return admin.createApp(name, plan.id(), config(name), List.of(host));
    }

    /** A tenant with one client {@code web} ({@link #apiKey}) and username login. */
    static TenantConfig config(String appId) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %1$s
                app_name: %1$s
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: master-key-%1$s
                  clients:
                    - id: web
                      name: Web
                      api_key: %2$s
                      session_transport: header
                  cors:
                    origin: "*"
                  auth:
                    authentication_session:
                      secret: authn-secret-%1$s
                    login_id_keys:
                      - key: username
                        type: raw
                  hook:
                    secret: hook-secret-%1$s
                  asset:
                    secret: asset-secret-%1$s
                """.formatted(appId, apiKey(appId)));
    }

    static String apiKey(String appId) {
        return "api-key-" + appId;
    }

    /** A route to the backend of this fixture. */
    DeploymentRoute route(String path, DeploymentRouteType type, String backendPath, String targetPath) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("backend_url", backend.uri(backendPath).toString());
        if (targetPath != null) {
            config.put("target_path", targetPath);
        }
        return new DeploymentRoute("", path, type, config);
    }

    Reply get(String host, String path, String... headers) {
        return send(host, "GET", path, HttpRequest.BodyPublishers.noBody(), headers);
    }

    Reply post(String host, String path, String body, String... headers) {
        return send(host, "POST", path, HttpRequest.BodyPublishers.ofString(body), headers);
    }

    Reply send(String host, String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Host", host).method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = server.send(request.build());
        return new Reply(response.statusCode(), response.body(), response.headers());
    }

    /** Signs a user up at tenant {@code host}; returns the access token. */
    String signup(String host, String appId, String username) {
        Reply reply = post(host, "/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"secret-pw-1"}""".formatted(username),
                "Content-Type", "application/json", "X-Skygear-API-Key", apiKey(appId));
        if (reply.status() != 200) {
            throw new AssertionError("signup: " + reply.status() + " " + reply.body());
        }
        return reply.json().get("result").get("access_token").asString();
    }

    @Override
    public void close() {
        server.close();
        gateway.close();
        backend.close();
        auth.close();
        appDb.close();
        configDb.close();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The backend: answers with what it received (method, path, query, headers, body and its SHA-256). */
    static final class Echo extends HttpServlet {

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", request.getMethod());
            json.put("path", request.getRequestURI());
            json.put("query", request.getQueryString());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
            }
            json.put("headers", headers);
            json.put("body", new String(body, StandardCharsets.UTF_8));
            json.put("sha256", sha256(body));
            response.setStatus(request.getRequestURI().endsWith("/created") ? 201 : 200);
            response.setHeader("X-Backend", "echo");
            response.setContentType("application/json");
            response.getOutputStream().write(Json.mapper().writeValueAsBytes(json));
        }
    }

    /** The host app's own servlet: tells which tenant the gateway resolved. */
    static final class HostServlet extends HttpServlet {

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            TenantContext tenant = TenantContext.require(request);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("app_id", tenant.appId());
            json.put("current", TenantContext.current().appId());
            tenant.quotas().maxUsers().ifPresent(v -> json.put("max_users", v));
            json.put("hooks", tenant.config().hooks().stream().map(h -> h.event() + " " + h.url()).toList());
            json.put("routes", tenant.config().deploymentRoutes().stream().map(r -> r.path()).toList());
            json.put("user_id_header", String.valueOf(request.getHeader("x-skygear-user-id")));
            response.setContentType("application/json");
            response.getOutputStream().write(Json.mapper().writeValueAsBytes(json));
        }
    }
}
