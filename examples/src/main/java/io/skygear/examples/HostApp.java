package io.skygear.examples;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.skygear.assets.AssetGear;
import io.skygear.assets.storage.FileSystemStorage;
import io.skygear.auth.AuthContext;
import io.skygear.auth.AuthGear;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.CorsFilter;
import io.skygear.core.http.HealthServlet;
import io.skygear.core.http.RequestIdFilter;
import io.skygear.core.migrate.MigrationResult;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.StandaloneTenantResolver;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.examples.notes.NotesServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The example host app: a plain Jetty 12 server that mounts Skygear the way a user's service would —
 * load the tenant config, open the database, run the migrations at startup, add the filters, mount the
 * gears and its own endpoints. Run it with {@code ./scripts/demo}.
 */
public final class HostApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostApp.class);
    private static final String BUNDLED_CONFIG = "/standalone-tenant-config.yaml";
    private static final String EMBEDDED = "embedded";

    private final TenantConfig config;
    private final Database database;
    private final List<AutoCloseable> resources;
    private final Server server;

    private HostApp(TenantConfig config, Database database, List<AutoCloseable> resources, Server server) {
        this.config = config;
        this.database = database;
        this.resources = resources;
        this.server = server;
    }

    public static void main(String[] args) throws Exception {
        HostAppOptions options = CommandLine.parseOrExit(args, HostAppOptions::parse);
        HostApp app = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "host-app-shutdown"));
        String apiKey = app.config.userConfig().clients().isEmpty()
                ? "(no client configured)" : app.config.userConfig().clients().getFirst().apiKey();
        URI base = app.uri("/");
        System.out.printf("""

                Skygear example host app is running at %s  (app_id %s)
                  API key:    %s
                  Try:        curl -H 'X-Skygear-API-Key: %s' %sapi/hello
                  Notes API:  %sapi/notes with a user's access token (docs/getting-started.md)
                  Health:     curl %s_healthz
                  Metrics:    curl %smetrics
                Stop with Ctrl-C.
                %n""", base, app.config.appId(), apiKey, apiKey, base, base, base, base);
        app.server.join();
    }

    /** Starts the app; the caller closes it. */
    public static HostApp start(HostAppOptions options) {
        TenantConfig config = options.config().map(TenantConfig::load).orElseGet(HostApp::bundledConfig);
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            String url = config.appConfig().databaseUrl();
            if (EMBEDDED.equals(url)) {
                EmbeddedDatabase embedded = EmbeddedDatabase.start(options.dataDir());
                resources.add(embedded);
                url = embedded.jdbcUrl();
            }
            PrometheusMeterRegistry meters = meterRegistry();
            Database database = Database.builder()
                    .jdbcUrl(url)
                    .schema(config.appConfig().databaseSchema())
                    .meterRegistry(meters)
                    .build();
            resources.addFirst(database);

            MigrationResult migrated = Migrations.configure().database(database).meterRegistry(meters)
                    .modules("core", "auth", "asset", "notes").load().up();
            LOG.info("migrations: {}", migrated.summary());

            AuthGear auth = AuthGear.builder().databases(DatabaseResolver.fixed(database)).meterRegistry(meters).build();
            resources.addFirst(auth);
            AssetGear assets = AssetGear.builder()
                    .storage(FileSystemStorage.of(options.dataDir().resolve("assets")))
                    .databases(DatabaseResolver.fixed(database))
                    .users(request -> AuthContext.of(request).userId())
                    .meterRegistry(meters)
                    .build();
            resources.addFirst(assets);

            Server server = GracefulJetty.server(options.port());
            GracefulJetty.serve(server, context(config, database, auth, assets, meters));
            server.start();
            resources.addFirst(server::stop);
            return new HostApp(config, database, resources, server);
        } catch (Exception e) {
            Shutdown.closeAll(resources);
            throw e instanceof RuntimeException re ? re : new IllegalStateException("cannot start the host app", e);
        }
    }

    /** Skygear's meters and a few JVM ones, for {@code GET /metrics}. */
    private static PrometheusMeterRegistry meterRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    private static ServletContextHandler context(TenantConfig config, Database database, AuthGear auth,
            AssetGear assets, PrometheusMeterRegistry meters) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Health first and outside every filter, so a load balancer needs no tenant and no key.
        context.addServlet(new ServletHolder(new HealthServlet()), "/_healthz");
        // Prometheus scrapes without a key too; protect it in production (docs/operations.md).
        context.addServlet(new ServletHolder(new MetricsServlet(meters)), "/metrics");
        List<Filter> chain = List.of(
                new RequestIdFilter(),
                new TenantFilter(StandaloneTenantResolver.of(config)),
                new CorsFilter(),
                new AccessKeyFilter(),
                auth.accessTokenFilter());
        for (Filter filter : chain) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(auth.servlet()), "/_auth/*");
        context.addServlet(new ServletHolder(assets.servlet()), "/_asset/*");
        context.addServlet(new ServletHolder(new HelloServlet()), "/api/hello");
        context.addServlet(new ServletHolder(new NotesServlet(DatabaseResolver.fixed(database), assets)), "/api/notes/*");
        return context;
    }

    private static TenantConfig bundledConfig() {
        try (InputStream in = HostApp.class.getResourceAsStream(BUNDLED_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("bundled config " + BUNDLED_CONFIG + " is missing from the classpath");
            }
            return TenantConfig.parseYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TenantConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** Absolute URI of a path on this server. */
    public URI uri(String path) {
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        return URI.create("http://localhost:" + port + path);
    }

    @Override
    public void close() {
        Shutdown.closeAll(resources);
    }
}
