package io.skygear.gateway.internal.resolve;

import io.skygear.core.tenant.TenantContext;
import io.skygear.gateway.GearVersion;
import java.util.Map;
import java.util.Objects;

/**
 * A tenant as the gateway needs it: its context (config with routes and hooks, quotas) and the plan
 * and version rules for its gears.
 *
 * @param context      what gears and routes see
 * @param planGears    gears the plan enables or disables explicitly
 * @param authEnabled  the plan's {@code auth_enabled}
 * @param gearVersions versions set explicitly per gear
 * @param authVersion  the app's {@code auth_version}
 * @param everyGear    standalone mode: every gear enabled, every version live
 */
public record ResolvedTenant(TenantContext context, Map<String, Boolean> planGears, boolean authEnabled,
                             Map<String, GearVersion> gearVersions, GearVersion authVersion, boolean everyGear) {

    public ResolvedTenant {
        Objects.requireNonNull(context, "context");
        planGears = Map.copyOf(planGears);
        gearVersions = Map.copyOf(gearVersions);
        Objects.requireNonNull(authVersion, "authVersion");
    }

    /** One tenant with every gear, live: the original's standalone mode. */
    public static ResolvedTenant standalone(TenantContext context) {
        return new ResolvedTenant(context, Map.of(), true, Map.of(), GearVersion.LIVE, true);
    }

    /** Whether the plan lets the app call {@code gear}; the original's rule where no row says otherwise. */
    public boolean allows(String gear) {
        if (everyGear) {
            return true;
        }
        Boolean explicit = planGears.get(gear);
        if (explicit != null) {
            return explicit;
        }
        return switch (gear) {
            case "auth" -> authEnabled;
            case "asset" -> true;
            default -> false;
        };
    }

    public GearVersion version(String gear) {
        if (everyGear) {
            return GearVersion.LIVE;
        }
        GearVersion explicit = gearVersions.get(gear);
        if (explicit != null) {
            return explicit;
        }
        return "auth".equals(gear) ? authVersion : GearVersion.LIVE;
    }
}
