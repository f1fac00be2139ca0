package io.skygear.gateway;

import io.skygear.core.tenant.TenantQuotas;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A plan of the config database: which gears its apps may call and their quotas.
 *
 * @param id        the plan's id
 * @param name      its name
 * @param gears     gears enabled ({@code true}) or disabled ({@code false}) explicitly; a gear not
 *                  listed follows the original's rule (auth: {@code auth_enabled}, asset: enabled,
 *                  others: disabled). {@code auth} here is {@code auth_enabled}.
 * @param quotas    the limits its apps get
 * @param isDefault whether new apps get this plan when none is named
 */
public record Plan(UUID id, String name, Map<String, Boolean> gears, TenantQuotas quotas, boolean isDefault) {

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        gears = Map.copyOf(gears);
        Objects.requireNonNull(quotas, "quotas");
    }
}
