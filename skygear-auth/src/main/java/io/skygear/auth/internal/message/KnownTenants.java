package io.skygear.auth.internal.message;

import io.skygear.core.tenant.TenantContext;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest configuration this node has seen of each tenant that sent a message. The outbox keeps
 * no credentials: the worker sends a row with its tenant's current SMTP/SMS settings, so a row waits
 * until its tenant is known here (after a restart: until the tenant's next message on this node, or
 * until another node that knows it takes the row).
 */
final class KnownTenants {

    private final ConcurrentHashMap<String, TenantContext> tenants = new ConcurrentHashMap<>();

    void remember(TenantContext tenant) {
        tenants.put(tenant.appId(), tenant);
    }

    Optional<TenantContext> find(String appId) {
        return Optional.ofNullable(tenants.get(appId));
    }

    Set<String> appIds() {
        return Set.copyOf(tenants.keySet());
    }
}
