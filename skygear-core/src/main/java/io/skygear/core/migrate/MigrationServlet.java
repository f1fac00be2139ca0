package io.skygear.core.migrate;

import io.skygear.core.db.Database;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKey;
import io.skygear.core.http.Json;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.internal.db.PostgresUrl;
import io.skygear.core.internal.migrate.ModuleCatalog;
import io.skygear.core.internal.migrate.http.DatabaseAllowList;
import io.skygear.core.internal.migrate.http.MigrationRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original's {@code /migrate} HTTP endpoint: {@code POST} a JSON body
 * {@code {"migration", "schema", "database", "dry_run", "command", "command_arg"}} and get
 * 200 {@code {"result":"ok"}} ({@code "no change"}, or the version for {@code version}) or
 * 400 {@code {"error":"<message>"}} with the original's messages ({@code unknown migration: nope},
 * {@code undefined command}, {@code invalid step}, {@code no migration}, {@code missing schema}, …).
 *
 * <pre>{@code
 * MigrationServlet servlet = MigrationServlet.builder()
 *         .database(db)                                    // used when the body has no "database"
 *         .allowDatabaseUrls("postgres://ops@db-2/tenants") // the only URLs a body may name
 *         .build();
 * }</pre>
 *
 * <p>Differences from the original, all on purpose:
 * <ul>
 *   <li>Only the master key may call it: by default the request must carry the master key as seen by
 *       {@link AccessKey#of} (mount {@code AccessKeyFilter} in front), else 401
 *       {@code {"error":"master key required"}}; {@link Builder#authorizer} replaces the check (refusal:
 *       401 {@code {"error":"not authorized"}}).</li>
 *   <li>{@code database} may name only a URL of the allow-list (default: none, so only the default
 *       database is reachable); any other is 400. Without {@code database}, the default database is used
 *       ({@code missing db url} when there is none).</li>
 *   <li>{@code POST} only (405 otherwise); {@code Content-Type: application/json}; at most
 *       {@value #MAX_BODY_BYTES} bytes. Malformed JSON is 400 {@code {"error":"invalid request body"}}
 *       (the original answered {@code unknown migration: }); a field of the wrong type (e.g.
 *       {@code "dry_run":"yes"}, {@code "command_arg":1.5}) or an unknown field is 400 naming it.
 *       {@code command_arg} may be a string or an integer. Responses are {@code application/json}.</li>
 *   <li>With {@code config_database} (an allowed URL) the command runs for every app of that config
 *       database, optionally filtered by {@code app_filter_key}/{@code app_filter_value};
 *       {@code hostname_override} must be one of {@link Builder#allowHostnameOverrides}. The result is a
 *       summary, e.g. {@code "3 apps in 2 targets: 2 changed, 0 unchanged"}; any failed target makes it a
 *       400 naming the first failure.</li>
 * </ul>
 * One module per request, as in the original. Every run is logged (URLs without credentials).
 */
public final class MigrationServlet extends HttpServlet {

    /** Largest accepted request body. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MigrationServlet.class);
    private static final JsonBodyReader BODY = JsonBodyReader.withMaxBytes(MAX_BODY_BYTES);

    private final Database database;
    private final DataSource dataSource;
    private final DatabaseAllowList allowList;
    private final Predicate<HttpServletRequest> authorizer;
    private final String refusal;

    private MigrationServlet(Builder b, DatabaseAllowList allowList) {
        this.database = b.database;
        this.dataSource = b.dataSource;
        this.allowList = allowList;
        this.authorizer = b.authorizer != null ? b.authorizer : request -> AccessKey.of(request).isMasterKey();
        this.refusal = b.authorizer != null ? "not authorized" : "master key required";
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authorizer.test(request)) {
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "error", refusal);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "error", "method not allowed");
            return;
        }
        MigrationRequest body;
        try {
            body = MigrationRequest.from(BODY.readTree(request));
        } catch (SkygearException | IllegalArgumentException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, "error", e.getMessage());
            return;
        }
        try {
            String result = body.multiTenant() ? runForApps(body) : run(body);
            LOG.info("{}: {}", describe(body), result);
            write(response, HttpServletResponse.SC_OK, "result", result);
        } catch (MigrationException | IllegalArgumentException e) {
            LOG.warn("{} failed: {}", describe(body), e.getMessage());
            write(response, HttpServletResponse.SC_BAD_REQUEST, "error", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} failed unexpectedly", describe(body), e);
            write(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "error", "internal error");
        }
    }

    private String run(MigrationRequest body) {
        ClassLoader loader = ModuleCatalog.loader(null);
        requireModule(body.migration(), loader);
        MigrationCommand command = MigrationCommand.parse(body.command(), body.commandArg());
        Migrations.Builder migrations = Migrations.configure().modules(body.migration()).dryRun(body.dryRun())
                .classLoader(loader);
        if (body.database() != null) {
            allowList.require("database", body.database());
            try (Database target = open(body.database())) {
                return migrations.dataSource(target.dataSource()).schema(body.schema()).load().execute(command)
                        .outcome();
            }
        }
        if (database != null) {
            migrations.database(database);
        } else if (dataSource != null) {
            migrations.dataSource(dataSource);
        } else {
            throw new MigrationException("missing db url");
        }
        if (body.schema() != null) {
            migrations.schema(body.schema());
        }
        return migrations.load().execute(command).outcome();
    }

    private String runForApps(MigrationRequest body) {
        ClassLoader loader = ModuleCatalog.loader(null);
        requireModule(body.migration(), loader);
        MigrationCommand command = MigrationCommand.parse(body.command(), body.commandArg());
        allowList.require("config_database", body.configDatabase());
        if (body.hostnameOverride() != null) {
            allowList.requireHost(body.hostnameOverride());
        }
        try (Database config = open(body.configDatabase())) {
            MultiTenantMigration.Builder run = MultiTenantMigration.builder().configDatabase(config)
                    .modules(body.migration()).dryRun(body.dryRun()).classLoader(loader);
            if (body.appFilterKey() != null) {
                run.filter(body.appFilterKey(), body.appFilterValue());
            }
            if (body.hostnameOverride() != null) {
                run.hostOverride(body.hostnameOverride());
            }
            MultiTenantResult result = run.build().run(command);
            if (!result.ok()) {
                throw new MigrationException(result.failed() + " of " + result.targets().size()
                        + " targets failed; first: " + result.errors().getFirst());
            }
            return result.apps() + " apps in " + result.targets().size() + " targets: " + result.succeeded()
                    + " changed, " + result.unchanged() + " unchanged";
        }
    }

    private static void requireModule(String name, ClassLoader loader) {
        if (Migrations.available(loader).stream().noneMatch(m -> m.name().equals(name))) {
            throw new MigrationException("unknown migration: " + name);
        }
    }

    /** A small pool for one request; an unreachable database is a 400 naming it (without credentials). */
    private static Database open(String url) {
        try {
            return Database.builder().jdbcUrl(url).maximumPoolSize(2).minimumIdle(0).poolName("skygear-migrate-http")
                    .build();
        } catch (RuntimeException e) {
            throw new MigrationException("cannot connect to " + PostgresUrl.parse(url).redacted() + ": "
                    + PostgresUrl.redact(String.valueOf(e.getMessage())), null, e);
        }
    }

    private static String describe(MigrationRequest body) {
        String target = body.multiTenant() ? "apps of " + loggable(body.configDatabase())
                : body.database() != null ? loggable(body.database()) : "default database";
        return "migrate " + body.migration() + " " + body.command()
                + (body.commandArg() == null ? "" : " " + body.commandArg())
                + (body.dryRun() ? " (dry run)" : "") + " on " + target
                + (body.schema() == null ? "" : " schema=" + body.schema());
    }

    private static String loggable(String url) {
        try {
            return PostgresUrl.parse(url).redacted();
        } catch (IllegalArgumentException e) {
            return PostgresUrl.redact(url);
        }
    }

    private static void write(HttpServletResponse response, int status, String key, String value) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(Map.of(key, value));
        byte[] body = new byte[json.length + 1];
        System.arraycopy(json, 0, body, 0, json.length);
        body[json.length] = '\n';
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Settings of a {@link MigrationServlet}; {@link #build()} validates them. */
    public static final class Builder {
        private Database database;
        private DataSource dataSource;
        private final List<String> databaseUrls = new ArrayList<>();
        private final List<String> hostnameOverrides = new ArrayList<>();
        private Predicate<HttpServletRequest> authorizer;

        private Builder() {
        }

        /** The database used when a request names none; its schema is the default {@code schema}. */
        public Builder database(Database database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Like {@link #database} for a host DataSource: requests must then name their {@code schema}. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * URLs ({@code jdbc:postgresql://…} or {@code postgres://…}, with the credentials to use) that
         * requests may name in {@code database} or {@code config_database}. Adds to earlier calls.
         */
        public Builder allowDatabaseUrls(String... urls) {
            databaseUrls.addAll(List.of(urls));
            return this;
        }

        /** Hosts that {@code hostname_override} may name (default: none). Adds to earlier calls. */
        public Builder allowHostnameOverrides(String... hosts) {
            hostnameOverrides.addAll(List.of(hosts));
            return this;
        }

        /** Replaces the master-key check: requests for which {@code authorizer} is false get 401. */
        public Builder authorizer(Predicate<HttpServletRequest> authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is invalid */
        public MigrationServlet build() {
            if (database != null && dataSource != null) {
                throw new IllegalArgumentException("database: set either database or dataSource, not both");
            }
            return new MigrationServlet(this, DatabaseAllowList.of(databaseUrls, hostnameOverrides));
        }
    }
}
