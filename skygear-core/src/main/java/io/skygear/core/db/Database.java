package io.skygear.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.skygear.core.internal.db.PostgresUrl;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TransactionalCallable;
import org.jooq.TransactionalRunnable;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL database of one tenant schema: a connection pool (or the host's {@link DataSource}),
 * jOOQ access and transactions.
 *
 * <pre>{@code
 * Database db = Database.builder()
 *         .jdbcUrl("postgres://user:secret@db:5432/skygear?sslmode=disable")
 *         .schema("app")
 *         .build();
 * Record user = db.tenant(appId).selectFrom("_core_user", DSL.field("id").eq(userId)).fetchOne();
 * }</pre>
 *
 * <p><b>Schema.</b> Tables are addressed schema-qualified through {@link #table(String)} (and the
 * {@link TenantScope} built on it), so queries never depend on a connection's {@code search_path}. A
 * pool built from {@code jdbcUrl} additionally sets {@code search_path} to the schema once per physical
 * connection (HikariCP's {@code schema}), so unqualified SQL works there without a round trip per
 * query; connections of a host {@code DataSource} are left as the host configured them.
 *
 * <p><b>Transactions.</b> {@link #transaction} and {@link #transactionResult} commit when the block
 * returns and roll back when it throws (the exception is rethrown; checked exceptions arrive wrapped in
 * jOOQ's {@code DataAccessException}). Inside the block, use the {@code Configuration} it receives
 * ({@code trx.dsl()}, {@code db.tenant(appId).using(trx.dsl())}); a nested {@code transaction} call on
 * that configuration runs in a savepoint, rolled back alone when the nested block throws.
 *
 * <p>Thread-safe. {@link #close()} closes only a pool this object created.
 */
public final class Database implements AutoCloseable {

    /** Defaults of a pool built from {@code jdbcUrl}: the original's (max open 30, idle 5, lifetime 30 min). */
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 30;
    public static final int DEFAULT_MINIMUM_IDLE = 5;
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    public static final String DEFAULT_SCHEMA = "public";
    public static final String DEFAULT_POOL_NAME = "skygear";

    static {
        // jOOQ prints a banner and a "tip of the day" into the host's log on first use; a library
        // embedded in someone else's service should not. A host that sets these explicitly wins.
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final String schema;
    private final DSLContext dsl;

    private Database(DataSource dataSource, HikariDataSource ownedPool, String schema) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.schema = schema;
        this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The connections: our pool, or the host's DataSource. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The tenant schema that {@link #table(String)} qualifies with (default {@value #DEFAULT_SCHEMA}). */
    public String schema() {
        return schema;
    }

    /** jOOQ on this database (PostgreSQL dialect, bind values, a pooled connection per statement). */
    public DSLContext dsl() {
        return dsl;
    }

    /** The table {@code name} qualified with this database's schema, e.g. {@code "app"."_core_user"}. */
    public Table<Record> table(String name) {
        requireName(name, "table");
        return DSL.table(DSL.name(schema, name));
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public void transaction(TransactionalRunnable work) {
        dsl.transaction(work);
    }

    /** Like {@link #transaction} but returns the block's result. */
    public <T> T transactionResult(TransactionalCallable<T> work) {
        return dsl.transactionResult(work);
    }

    /** SQL that always carries {@code app_id = appId}; see {@link TenantScope}. */
    public TenantScope tenant(String appId) {
        return new TenantScope(this, dsl, appId);
    }

    /** Closes the pool if this object created it; a host DataSource stays open. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "Database[" + (ownedPool != null ? ownedPool.getJdbcUrl() : "host DataSource") + ", schema=" + schema + "]";
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank() || name.length() > 63 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must be 1 to 63 characters: " + name);
        }
    }

    /**
     * Settings of a {@link Database}, validated by {@link #build()}. Set either {@code jdbcUrl} (we build
     * and own a HikariCP pool) or {@code dataSource} (the host's, never closed by us).
     */
    public static final class Builder {
        private String jdbcUrl;
        private String username;
        private String password;
        private DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private Integer maximumPoolSize;
        private Integer minimumIdle;
        private Duration maxLifetime;
        private Duration connectionTimeout;
        private String poolName;
        private MeterRegistry meterRegistry;

        private Builder() {
        }

        /**
         * {@code jdbc:postgresql://host[:port]/db[?…]}, or the original's {@code postgres://} /
         * {@code postgresql://user:password@host[:port]/db[?sslmode=…]} (credentials in it are used unless
         * {@link #username}/{@link #password} are set).
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Use the host's DataSource instead of building a pool; {@link Database#close()} leaves it open. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Schema holding the tenant tables (default {@value Database#DEFAULT_SCHEMA}). */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /** Pool size (default {@value Database#DEFAULT_MAXIMUM_POOL_SIZE}); only with {@code jdbcUrl}. */
        public Builder maximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /** Idle connections kept (default {@value Database#DEFAULT_MINIMUM_IDLE}); only with {@code jdbcUrl}. */
        public Builder minimumIdle(int minimumIdle) {
            this.minimumIdle = minimumIdle;
            return this;
        }

        /** Lifetime of a pooled connection (default 30 min, at least 30 s); only with {@code jdbcUrl}. */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** How long to wait for a free connection (default 30 s, at least 250 ms); only with {@code jdbcUrl}. */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /** Name of the pool in logs and metrics (default {@value Database#DEFAULT_POOL_NAME}); only with {@code jdbcUrl}. */
        public Builder poolName(String poolName) {
            this.poolName = poolName;
            return this;
        }

        /**
         * Publishes HikariCP's pool meters ({@code hikaricp.connections.*}, tagged {@code pool} with the
         * {@link #poolName}: give each Database on one registry its own name) to {@code meterRegistry};
         * none when not set (or null). Only with {@code jdbcUrl}.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Validates the settings and, for {@code jdbcUrl}, starts the pool (which opens a first connection,
         * so an unreachable database fails here).
         *
         * @throws IllegalArgumentException naming the property that is missing or invalid
         */
        public Database build() {
            try {
                requireName(schema, "schema");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("schema: must be 1 to 63 characters, got " + quote(schema));
            }
            if (dataSource != null) {
                if (jdbcUrl != null || username != null || password != null) {
                    throw new IllegalArgumentException("dataSource: set either dataSource or jdbcUrl/username/password, not both");
                }
                if (maximumPoolSize != null || minimumIdle != null || maxLifetime != null
                        || connectionTimeout != null || poolName != null || meterRegistry != null) {
                    throw new IllegalArgumentException("dataSource: pool settings (maximumPoolSize, minimumIdle, "
                            + "maxLifetime, connectionTimeout, poolName, meterRegistry) apply only to a pool built "
                            + "from jdbcUrl");
                }
                return new Database(dataSource, null, schema);
            }
            if (jdbcUrl == null) {
                throw new IllegalArgumentException("jdbcUrl: required (or set dataSource)");
            }
            PostgresUrl url;
            try {
                url = PostgresUrl.parse(jdbcUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("jdbcUrl: " + e.getMessage());
            }
            HikariDataSource pool = new HikariDataSource(poolConfig(url));
            return new Database(pool, pool, schema);
        }

        private HikariConfig poolConfig(PostgresUrl url) {
            int max = maximumPoolSize != null ? maximumPoolSize : DEFAULT_MAXIMUM_POOL_SIZE;
            if (max < 1) {
                throw new IllegalArgumentException("maximumPoolSize: must be at least 1, got " + max);
            }
            int idle = minimumIdle != null ? minimumIdle : Math.min(DEFAULT_MINIMUM_IDLE, max);
            if (idle < 0 || idle > max) {
                throw new IllegalArgumentException("minimumIdle: must be between 0 and maximumPoolSize (" + max + "), got " + idle);
            }
            Duration lifetime = maxLifetime != null ? maxLifetime : DEFAULT_MAX_LIFETIME;
            if (lifetime.compareTo(Duration.ofSeconds(30)) < 0) {
                throw new IllegalArgumentException("maxLifetime: must be at least 30 s, got " + lifetime);
            }
            Duration timeout = connectionTimeout != null ? connectionTimeout : DEFAULT_CONNECTION_TIMEOUT;
            if (timeout.compareTo(Duration.ofMillis(250)) < 0) {
                throw new IllegalArgumentException("connectionTimeout: must be at least 250 ms, got " + timeout);
            }
            String name = poolName != null ? poolName : DEFAULT_POOL_NAME;
            if (name.isBlank()) {
                throw new IllegalArgumentException("poolName: must not be blank");
            }
            HikariConfig config = new HikariConfig();
            config.setPoolName(name);
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(username != null ? username : url.user());
            config.setPassword(password != null ? password : url.password());
            config.setMaximumPoolSize(max);
            config.setMinimumIdle(idle);
            config.setMaxLifetime(lifetime.toMillis());
            config.setConnectionTimeout(timeout.toMillis());
            // search_path once per physical connection (pgjdbc's setSchema), not per query
            config.setSchema(schema);
            if (meterRegistry != null) {
                config.setMetricRegistry(meterRegistry);
            }
            return config;
        }

        private static String quote(String s) {
            return s == null ? "null" : "\"" + s + "\"";
        }
    }
}
