package io.skygear.bench;

import io.skygear.auth.AuthGear;
import io.skygear.auth.AuthSettings;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.migrate.Migrations;
import io.skygear.gateway.GatewayFilter;
import io.skygear.gateway.Gear;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The host app of the gateway benchmarks: embedded PostgreSQL with a config database ({@code app_config})
 * and the auth tables, one Jetty on loopback. {@code /bare} is the host servlet alone; {@code /gw/host}
 * is the same servlet behind {@link GatewayFilter} (tenant of the Host header from the config database,
 * cached; request id, CORS, API key, the auth gear's access-token filter).
 */
final class GatewayBenchApp implements AutoCloseable {

    static final String API_KEY = AuthBenchApp.API_KEY;

    final EmbeddedPostgres postgres;
    final Database configDb;
    final Database appDb;
    private final AuthGear auth;
    private final GatewayFilter gateway;
    private final Server server;

    private GatewayBenchApp(EmbeddedPostgres postgres, Database configDb, Database appDb, AuthGear auth,
                            GatewayFilter gateway, Server server) {
        this.postgres = postgres;
        this.configDb = configDb;
        this.appDb = appDb;
        this.auth = auth;
        this.gateway = gateway;
        this.server = server;
    }

    static GatewayBenchApp start() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        Database configDb = Database.builder().jdbcUrl(url).schema("app_config").maximumPoolSize(4).minimumIdle(1)
                .poolName("bench-config").build();
        Database appDb = Database.builder().jdbcUrl(url).schema("app").maximumPoolSize(8).minimumIdle(1)
                .poolName("bench-app").build();
        Migrations.configure().database(configDb).modules("gateway").load().up();
        Migrations.configure().database(appDb).modules("core", "auth").load().up();
        AuthGear auth = AuthGear.builder().databases(DatabaseResolver.fixed(appDb)).settings(AuthSettings.defaults()).build();
        GatewayFilter gateway = GatewayFilter.builder().configDatabase(configDb)
                .gear("auth", Gear.of(auth.servlet(), auth.accessTokenFilter())).build();

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addFilter(new FilterHolder(gateway), "/gw/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new AuthBenchApp.HostServlet(false)), "/bare");
        context.addServlet(new ServletHolder(new AuthBenchApp.HostServlet(false)), "/gw/host");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        GatewayBenchApp app = new GatewayBenchApp(postgres, configDb, appDb, auth, gateway, server);
        gateway.admin().createApp("bench", null, AuthBenchApp.config("bench"), List.of(app.uri("").getAuthority()));
        return app;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    CpuMeter meter() {
        return CpuMeter.of(configDb.dsl());
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            gateway.close();
            auth.close();
            appDb.close();
            configDb.close();
            postgres.close();
        }
    }
}
