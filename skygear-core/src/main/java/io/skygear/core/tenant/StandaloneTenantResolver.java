package io.skygear.core.tenant;

import io.skygear.core.config.TenantConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.Optional;

/** One tenant for every request, whatever its host: the original's standalone mode. */
public final class StandaloneTenantResolver implements TenantResolver {

    private final Optional<TenantContext> tenant;

    private StandaloneTenantResolver(TenantConfig config) {
        this.tenant = Optional.of(TenantContext.of(config));
    }

    public static StandaloneTenantResolver of(TenantConfig config) {
        return new StandaloneTenantResolver(config);
    }

    /**
     * Loads the tenant from a YAML or JSON file, e.g. {@code standalone-tenant-config.yaml}.
     *
     * @throws io.skygear.core.config.TenantConfigException when the file is invalid
     */
    public static StandaloneTenantResolver fromFile(Path file) {
        return of(TenantConfig.load(file));
    }

    /** The single tenant. */
    public TenantContext tenant() {
        return tenant.orElseThrow();
    }

    @Override
    public Optional<TenantContext> resolve(HttpServletRequest request) {
        return tenant;
    }
}
