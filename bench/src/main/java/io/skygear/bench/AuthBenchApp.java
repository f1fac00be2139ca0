package io.skygear.bench;

import io.skygear.auth.AuthContext;
import io.skygear.auth.AuthGear;
import io.skygear.auth.AuthSettings;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;

/**
 * The host app the auth benchmarks measure: embedded PostgreSQL migrated with core + auth, one Jetty 12
 * server on loopback, one tenant ({@value #APP_ID}, client {@code web} with header tokens and login ID
 * key {@code username}). Paths of the one context:
 * <ul>
 *   <li>{@code /bare}: {@link HostServlet} alone, no filter;
 *   <li>{@code /authed}: the same servlet behind RequestIdFilter → TenantFilter → AccessKeyFilter →
 *       AccessTokenFilter, answering 401 unless the caller is authenticated;
 *   <li>{@code /_auth/*}: the gear's servlet behind the same chain.
 * </ul>
 */
final class AuthBenchApp implements AutoCloseable {

    static final String APP_ID = "bench";
    static final String API_KEY = "bench-web-api-key";

    /** The benchmark tenant: one header-transport client with {@link #API_KEY}, username login IDs. */
    static TenantConfig config(String appId) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %s
                app_name: bench
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: bench-master-key
                  clients:
                    - id: web
                      name: Web
                      api_key: %s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: bench-authentication-session-secret
                    login_id_keys:
                      - key: username
                        type: raw
                  hook:
                    secret: bench-hook-secret
                  asset:
                    secret: bench-asset-secret
                """.formatted(appId, API_KEY));
    }

    private final EmbeddedPostgres postgres;
    private final Database database;
    private final AuthGear gear;
    private final Server server;
    private final HttpClient http = HttpClient.newHttpClient();

    private AuthBenchApp(EmbeddedPostgres postgres, Database database, AuthGear gear, Server server) {
        this.postgres = postgres;
        this.database = database;
        this.gear = gear;
        this.server = server;
    }

    /** Starts everything; the caller closes it. */
    static AuthBenchApp start(AuthSettings settings) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Database database = Database.builder().jdbcUrl(postgres.getJdbcUrl("postgres", "postgres"))
                .schema("app").maximumPoolSize(8).minimumIdle(1).poolName("bench-auth").build();
        Migrations.configure().database(database).modules("core", "auth").load().up();
        AuthGear gear = AuthGear.builder().databases(DatabaseResolver.fixed(database)).settings(settings).build();
        TenantConfig config = config("bench");

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        List<Filter> chain = List.of(new RequestIdFilter(), new TenantFilter(StandaloneTenantResolver.of(config)),
                new AccessKeyFilter(), gear.accessTokenFilter());
        for (Filter filter : chain) {
            FilterHolder holder = new FilterHolder(filter);
            holder.setName(filter.getClass().getSimpleName());
            FilterMapping mapping = new FilterMapping();
            mapping.setFilterName(holder.getName());
            mapping.setPathSpecs(new String[] {"/authed", "/_auth/*"});
            mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
            context.getServletHandler().addFilter(holder, mapping);
        }
        context.addServlet(new ServletHolder(new HostServlet(false)), "/bare");
        context.addServlet(new ServletHolder(new HostServlet(true)), "/authed");
        context.addServlet(new ServletHolder(gear.servlet()), "/_auth/*");

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        return new AuthBenchApp(postgres, database, gear, server);
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    /** Signs a user up through {@code /_auth/signup}; returns its access token. */
    String signup(String username, String password) {
        HttpResponse<String> response = post("/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"%s"}""".formatted(username, password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("signup failed: " + response.statusCode() + " " + response.body());
        }
        JsonNode result = Json.mapper().readTree(response.body()).get("result");
        return result.get("access_token").asString();
    }

    /** Logs in through {@code /_auth/login}; fails unless it succeeds. */
    void login(String username, String password) {
        HttpResponse<String> response = post("/_auth/login", """
                {"login_id":"%s","password":"%s"}""".formatted(username, password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** The status of {@code GET path} with {@code headers} (name, value, …). */
    int get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build()).statusCode();
    }

    /** The password hash stored for the only user (the app holds one). */
    String storedPasswordHash() {
        return database.dsl().select(DSL.field("password", String.class))
                .from(database.table("_auth_provider_password")).fetchSingle().value1();
    }

    /** e.g. {@code PostgreSQL 17.6 (embedded; fsync=off, synchronous_commit=off)}. */
    String postgresSummary() {
        return "PostgreSQL %s (embedded; fsync=%s, synchronous_commit=%s)".formatted(setting("server_version"),
                setting("fsync"), setting("synchronous_commit"));
    }

    private String setting(String name) {
        return database.dsl().fetchValue("SELECT current_setting(?)", name).toString();
    }

    /** Meters this JVM, the embedded PostgreSQL and the machine. */
    CpuMeter meter() {
        return CpuMeter.of(database.dsl());
    }

    /** The machine's 1, 5 and 15 minute load averages (other helpers' work shares the CPUs). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header(AccessKeyFilter.HEADER, API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            try {
                gear.close();
                database.close();
            } finally {
                http.close();
                postgres.close();
            }
        }
    }

    /**
     * A host endpoint writing a tiny JSON body; with {@code requireCaller} it answers 401 to a request
     * without a valid access token.
     */
    static final class HostServlet extends HttpServlet {

        private static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

        private final boolean requireCaller;

        HostServlet(boolean requireCaller) {
            this.requireCaller = requireCaller;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (requireCaller && !AuthContext.of(request).isAuthenticated()) {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            response.setContentType("application/json");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
