package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/**
 * {@code app_config}: the operator-owned part of a tenant, hidden from app developers.
 *
 * @param databaseUrl    JDBC or {@code postgres://} URL of the tenant's database; the value
 *                       {@code embedded} is reserved for the demo, which maps it to embedded PostgreSQL
 * @param databaseSchema schema holding the tenant's tables
 * @param hook           timeouts of synchronous (before-) hooks
 */
public record AppConfig(String databaseUrl, String databaseSchema, HookTimeoutConfig hook) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "databaseUrl");
    }
}
