package io.skygear.core.db;

import io.skygear.core.tenant.TenantContext;
import java.util.List;
import java.util.Objects;

/**
 * Which {@link Database} holds a tenant's tables. A single-tenant host passes its one database with
 * {@link #fixed(Database)}; a multi-tenant host uses {@link TenantDatabases}, which follows each
 * tenant's {@code app_config.database_url} and {@code database_schema}.
 */
@FunctionalInterface
public interface DatabaseResolver {

    Database forTenant(TenantContext tenant);

    /**
     * The databases known before any request, so that background work (e.g. the auth gear's hook
     * outbox) can resume on them at startup rather than on a tenant's first request. Default: none.
     */
    default List<Database> knownDatabases() {
        return List.of();
    }

    /** Every tenant lives in {@code database} (rows told apart by {@code app_id}). */
    static DatabaseResolver fixed(Database database) {
        Objects.requireNonNull(database, "database");
        return new DatabaseResolver() {
            @Override
            public Database forTenant(TenantContext tenant) {
                return database;
            }

            @Override
            public List<Database> knownDatabases() {
                return List.of(database);
            }
        };
    }
}
