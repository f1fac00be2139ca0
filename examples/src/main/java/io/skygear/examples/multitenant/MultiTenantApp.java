package io.skygear.examples.multitenant;

import io.skygear.assets.AssetGear;
import io.skygear.assets.storage.FileSystemStorage;
import io.skygear.auth.AuthContext;
import io.skygear.auth.AuthGear;
import io.skygear.core.db.Database;
import io.skygear.core.db.TenantDatabases;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.migrate.MultiTenantMigration;
import io.skygear.core.migrate.MultiTenantResult;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.examples.CommandLine;
import io.skygear.examples.EmbeddedDatabase;
import io.skygear.examples.GracefulJetty;
import io.skygear.examples.Shutdown;
import io.skygear.gateway.GatewayAdmin;
import io.skygear.gateway.GatewayFilter;
import io.skygear.gateway.GatewaySettings;
import io.skygear.gateway.Gear;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-tenant example: one Jetty server with {@link GatewayFilter} in front, the auth and asset
 * gears in-process, and two apps provisioned at startup through {@link GatewayAdmin} — {@code alpha}
 * ({@code alpha.localhost}, plan {@code pro}: auth + asset) and {@code beta} ({@code beta.localhost},
 * plan {@code free}: auth only, small quotas) — each with its own schema and API key in one embedded
 * PostgreSQL, migrated per tenant at startup. Run it with {@code ./scripts/demo-multitenant}.
 */
public final class MultiTenantApp implements AutoCloseable {

    /** The example's plans: {@code free} has no asset gear, so gating shows on {@code /_asset}. */
    public static final List<DemoPlan> PLANS = List.of(
            new DemoPlan("free", Map.of("auth", true, "asset", false),
                    new TenantQuotas(OptionalLong.of(100), OptionalLong.empty(), OptionalLong.of(300))),
            new DemoPlan("pro", Map.of("auth", true, "asset", true),
                    new TenantQuotas(OptionalLong.of(10_000), OptionalLong.of(100L << 20), OptionalLong.empty())));

    /** The example's apps. */
    public static final List<DemoTenant> TENANTS = List.of(new DemoTenant("alpha", "pro"), new DemoTenant("beta", "free"));

    /** Enables {@code /_admin/*}; a demo value, like the tenants' keys. */
    public static final String ADMIN_KEY = "demo-admin-key-change-me";

    private static final Logger LOG = LoggerFactory.getLogger(MultiTenantApp.class);
    private static final String CONFIG_SCHEMA = "app_config";

    private final GatewayFilter gateway;
    private final Server server;
    private final Provisioning.Changes provisioned;
    private final Path dataDir;
    private final List<AutoCloseable> resources;

    private MultiTenantApp(GatewayFilter gateway, Server server, Provisioning.Changes provisioned, Path dataDir,
                           List<AutoCloseable> resources) {
        this.gateway = gateway;
        this.dataDir = dataDir;
        this.server = server;
        this.provisioned = provisioned;
        this.resources = resources;
    }

    public static void main(String[] args) throws Exception {
        MultiTenantOptions options = CommandLine.parseOrExit(args, MultiTenantOptions::parse);
        MultiTenantApp app = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "multi-tenant-app-shutdown"));
        System.out.println(app.banner());
        app.server.join();
    }

    /**
     * Starts the database, provisions and migrates the apps, builds the gears and the gateway, then
     * serves; the caller closes it.
     */
    public static MultiTenantApp start(MultiTenantOptions options) {
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(options.dataDir());
            resources.add(embedded);
            String url = embedded.jdbcUrl();

            Database configDb = Database.builder().jdbcUrl(url).schema(CONFIG_SCHEMA).maximumPoolSize(4).build();
            resources.addFirst(configDb);
            LOG.info("config database: {}", Migrations.configure().database(configDb).modules("gateway")
                    .load().up().summary());

            Server server = GracefulJetty.server(options.port());
            ServerConnector connector = (ServerConnector) server.getConnectors()[0];
            connector.open();   // bound, so the domains can name the port before anything is served
            resources.addFirst(connector::close);

            GatewayAdmin admin = GatewayAdmin.of(configDb);
            Provisioning.Changes changes = Provisioning.apply(admin, PLANS, TENANTS, url, connector.getLocalPort());
            LOG.info("provisioning: {}", changes.none() ? "up to date"
                    : "created " + changes.created() + ", updated " + changes.updated());
            MultiTenantResult migrated = MultiTenantMigration.builder().configDatabase(configDb)
                    .modules("core", "auth", "asset").build().up();
            if (!migrated.ok()) {
                throw new IllegalStateException("tenant migrations failed: " + migrated.errors());
            }

            // one pool per tenant database URL, one Database per (URL, schema): both apps share the pool
            TenantDatabases tenantDbs = new TenantDatabases(u -> Database.builder().jdbcUrl(u).maximumPoolSize(10).build());
            resources.addFirst(tenantDbs);
            // known before the auth gear is built, so it resumes their pending after-hooks at startup
            admin.apps().forEach(app -> tenantDbs.forTenant(TenantContext.of(app.config())));
            AuthGear auth = AuthGear.builder().databases(tenantDbs).build();
            resources.addFirst(auth);
            AssetGear assets = AssetGear.builder()
                    .storage(FileSystemStorage.of(options.dataDir().resolve("assets")))
                    .databases(tenantDbs)
                    .users(request -> AuthContext.of(request).userId())
                    .build();
            resources.addFirst(assets);
            GatewayFilter gateway = GatewayFilter.builder()
                    .configDatabase(configDb)
                    .gear("auth", Gear.of(auth.servlet(), auth.accessTokenFilter()))
                    .gear("asset", Gear.of(assets.servlet(), auth.accessTokenFilter()))
                    .settings(GatewaySettings.builder().adminKey(ADMIN_KEY).build())
                    .build();
            resources.addFirst(gateway);

            GracefulJetty.serve(server, context(gateway));
            resources.addFirst(server::stop);
            server.start();
            return new MultiTenantApp(gateway, server, changes, options.dataDir(), resources);
        } catch (Exception e) {
            Shutdown.closeAll(resources);
            throw e instanceof RuntimeException re ? re : new IllegalStateException("cannot start the multi-tenant app", e);
        }
    }

    private static ServletContextHandler context(GatewayFilter gateway) {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // the gateway answers /_healthz, /_admin and the gears itself; the rest reaches the host's servlets
        context.addFilter(new FilterHolder(gateway), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AppInfoServlet()), "/api/hello");
        return context;
    }

    /** The admin API of the config database (plans, apps, domains). */
    public GatewayAdmin admin() {
        return gateway.admin();
    }

    /** What this start created or updated in the config database. */
    public List<String> provisioningChanges() {
        List<String> all = new ArrayList<>();
        provisioned.created().forEach(c -> all.add("created " + c));
        provisioned.updated().forEach(c -> all.add("updated " + c));
        return List.copyOf(all);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Absolute URI of a path on this server at {@code localhost}. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    String banner() {
        int port = port();
        StringBuilder out = new StringBuilder("\nSkygear multi-tenant example (gateway, auth + asset gears) on port ")
                .append(port).append('\n');
        for (DemoTenant tenant : TENANTS) {
            DemoPlan plan = PLANS.stream().filter(p -> p.name().equals(tenant.plan())).findFirst().orElseThrow();
            out.append("  %-6s %-30s plan %-5s %-14s API key %s%n".formatted(tenant.name(),
                    "http://" + tenant.host() + ":" + port + "/", plan.name(), "(" + plan.enabledGears() + ")",
                    tenant.apiKey()));
        }
        DemoTenant alpha = TENANTS.get(0);
        DemoTenant beta = TENANTS.get(1);
        out.append("""
                Try:
                  curl -H 'X-Skygear-API-Key: %1$s' http://%2$s:%5$d/api/hello
                  curl -H 'Host: %4$s' -H 'X-Skygear-API-Key: %3$s' http://localhost:%5$d/api/hello
                  curl -H 'Host: %2$s' -H 'X-Skygear-API-Key: %1$s' -H 'Content-Type: application/json' \\
                       -d '{"login_ids":[{"key":"username","value":"ann"}],"password":"a-long-password"}' \\
                       http://localhost:%5$d/_auth/signup
                  # 403 "asset is not support in current app plan": plan %7$s has no asset gear
                  curl -H 'Host: %4$s' -H 'X-Skygear-API-Key: %3$s' -H 'Content-Type: application/json' \\
                       -d '{"headers":{"content-length":"5"}}' http://localhost:%5$d/_asset/presign_upload
                  curl -H 'X-Skygear-API-Key: %6$s' -H 'Content-Type: application/json' \\
                       -d '{}' http://localhost:%5$d/_admin/plan/list
                Data in %8$s. Stop with Ctrl-C.
                """.formatted(alpha.apiKey(), alpha.host(), beta.apiKey(), beta.host(), port, ADMIN_KEY,
                beta.plan(), dataDir));
        return out.toString();
    }

    @Override
    public void close() {
        Shutdown.closeAll(resources);
    }
}
