package io.skygear.gateway.internal.resolve;

import java.util.Optional;

/** Where tenants come from: the config database or one standalone config. */
public interface TenantSource {

    /** The tenant serving {@code host} (the raw Host header, lower-cased), or empty. */
    Optional<ResolvedTenant> resolve(String host);
}
