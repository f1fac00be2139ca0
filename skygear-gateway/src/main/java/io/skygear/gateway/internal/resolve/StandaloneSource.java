package io.skygear.gateway.internal.resolve;

import java.util.Optional;

/** The original's standalone mode: every host is the one tenant, every gear enabled and live. */
public record StandaloneSource(ResolvedTenant tenant) implements TenantSource {

    @Override
    public Optional<ResolvedTenant> resolve(String host) {
        return Optional.of(tenant);
    }
}
