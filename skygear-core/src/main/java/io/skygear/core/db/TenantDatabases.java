package io.skygear.core.db;

import io.skygear.core.tenant.TenantContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Databases of many tenants: one HikariCP pool per distinct database URL (as the original kept one
 * pool per {@code database_url}), and one {@link Database} per (URL, schema) sharing that pool. Pools
 * open lazily on a tenant's first request and close with {@link #close()}.
 */
public final class TenantDatabases implements DatabaseResolver, AutoCloseable {

    private final Function<String, Database> poolFactory;
    private final Map<String, Database> pools = new ConcurrentHashMap<>();
    private final Map<Key, Database> databases = new ConcurrentHashMap<>();

    private record Key(String url, String schema) {
    }

    /**
     * @param poolFactory builds the pool for a database URL, e.g.
     *     {@code url -> Database.builder().jdbcUrl(url).maximumPoolSize(10).build()}; it may also map
     *     special values such as {@code embedded} to a URL of the host's choosing
     */
    public TenantDatabases(Function<String, Database> poolFactory) {
        this.poolFactory = Objects.requireNonNull(poolFactory, "poolFactory");
    }

    /** Pools with the {@link Database.Builder} defaults. */
    public TenantDatabases() {
        this(url -> Database.builder().jdbcUrl(url).build());
    }

    @Override
    public Database forTenant(TenantContext tenant) {
        String url = tenant.config().appConfig().databaseUrl();
        String schema = tenant.config().appConfig().databaseSchema();
        return databases.computeIfAbsent(new Key(url, schema), key -> {
            Database pool = pools.computeIfAbsent(key.url(), poolFactory);
            return Database.builder().dataSource(pool.dataSource()).schema(key.schema()).build();
        });
    }

    /** The databases of the tenants seen so far. */
    @Override
    public List<Database> knownDatabases() {
        return List.copyOf(databases.values());
    }

    @Override
    public void close() {
        pools.values().forEach(Database::close);
        pools.clear();
        databases.clear();
    }
}
