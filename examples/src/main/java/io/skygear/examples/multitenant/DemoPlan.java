package io.skygear.examples.multitenant;

import io.skygear.core.tenant.TenantQuotas;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;

/**
 * A plan the example provisions: its gears ({@code auth}, {@code asset}) and quotas, as handed to
 * {@code GatewayAdmin.createPlan}.
 *
 * @param name   unique plan name
 * @param gears  gears switched on or off explicitly
 * @param quotas limits of the plan's apps
 */
public record DemoPlan(String name, Map<String, Boolean> gears, TenantQuotas quotas) {

    public DemoPlan {
        Objects.requireNonNull(name, "name");
        gears = Map.copyOf(gears);
        Objects.requireNonNull(quotas, "quotas");
    }

    /** The enabled gears, auth first, for the startup banner. */
    public String enabledGears() {
        return String.join(" + ", gears.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .sorted(Comparator.comparing((String gear) -> !gear.equals("auth")).thenComparing(gear -> gear))
                .toList());
    }
}
