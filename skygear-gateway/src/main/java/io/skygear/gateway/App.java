package io.skygear.gateway;

import io.skygear.core.config.TenantConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An app (tenant) of the config database as {@link GatewayAdmin} reports it.
 *
 * @param id           the app row's id
 * @param name         its unique name
 * @param planId       its plan
 * @param config       its tenant configuration (without the deployment routes and hooks)
 * @param domains      host names that resolve to it
 * @param gearVersions the version of each gear set explicitly ({@code auth} always present)
 */
public record App(UUID id, String name, UUID planId, TenantConfig config, List<String> domains,
                  Map<String, GearVersion> gearVersions) {

    public App {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(config, "config");
        domains = List.copyOf(domains);
        gearVersions = Map.copyOf(gearVersions);
    }
}
