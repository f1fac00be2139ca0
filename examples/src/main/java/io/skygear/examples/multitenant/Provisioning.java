package io.skygear.examples.multitenant;

import io.skygear.core.config.TenantConfig;
import io.skygear.gateway.App;
import io.skygear.gateway.GatewayAdmin;
import io.skygear.gateway.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the config database to the example's plans and apps through the public {@link GatewayAdmin},
 * creating what is missing and updating what differs, so that every start may run it: a restart on the
 * same data creates nothing. Configs change between starts because the embedded PostgreSQL gets a new
 * port (a real deployment keeps its database URL), and domains follow the HTTP port.
 */
final class Provisioning {

    /**
     * What a run changed.
     *
     * @param created plans, apps and domains that did not exist
     * @param updated plans, configs and app plans that differed
     */
    record Changes(List<String> created, List<String> updated) {

        Changes {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
        }

        boolean none() {
            return created.isEmpty() && updated.isEmpty();
        }
    }

    private final GatewayAdmin admin;
    private final List<String> created = new ArrayList<>();
    private final List<String> updated = new ArrayList<>();

    private Provisioning(GatewayAdmin admin) {
        this.admin = admin;
    }

    /** Applies {@code plans} and {@code tenants}, whose tables live in {@code databaseUrl}, serving {@code port}. */
    static Changes apply(GatewayAdmin admin, List<DemoPlan> plans, List<DemoTenant> tenants, String databaseUrl,
                         int port) {
        Provisioning run = new Provisioning(admin);
        Map<String, Plan> byName = new HashMap<>();
        for (DemoPlan plan : plans) {
            byName.put(plan.name(), run.plan(plan));
        }
        for (DemoTenant tenant : tenants) {
            Plan plan = byName.get(tenant.plan());
            if (plan == null) {
                throw new IllegalArgumentException("app " + tenant.name() + ": unknown plan " + tenant.plan());
            }
            run.app(tenant, plan, tenant.config(databaseUrl), tenant.domains(port));
        }
        return new Changes(run.created, run.updated);
    }

    private Plan plan(DemoPlan wanted) {
        Optional<Plan> existing = admin.plans().stream().filter(p -> p.name().equals(wanted.name())).findFirst();
        if (existing.isEmpty()) {
            created.add("plan " + wanted.name());
            return admin.createPlan(wanted.name(), wanted.gears(), wanted.quotas());
        }
        Plan plan = existing.get();
        if (plan.gears().equals(wanted.gears()) && plan.quotas().equals(wanted.quotas())) {
            return plan;
        }
        updated.add("plan " + wanted.name());
        return admin.updatePlan(plan.id(), wanted.name(), wanted.gears(), wanted.quotas());
    }

    private void app(DemoTenant tenant, Plan plan, TenantConfig config, List<String> domains) {
        Optional<App> existing = admin.appByName(tenant.name());
        if (existing.isEmpty()) {
            admin.createApp(tenant.name(), plan.id(), config, domains);
            created.add("app " + tenant.name() + " " + domains);
            return;
        }
        App app = existing.get();
        if (!app.planId().equals(plan.id())) {
            admin.setPlan(app.id(), plan.id());
            updated.add("plan of app " + tenant.name());
        }
        if (!app.config().equals(config)) {
            admin.setConfig(app.id(), config);
            updated.add("config of app " + tenant.name());
        }
        for (String domain : domains) {
            if (!app.domains().contains(domain)) {
                admin.addDomain(app.id(), domain);
                created.add("domain " + domain);
            }
        }
        // a domain of an earlier --port; other domains added by hand stay
        for (String domain : app.domains()) {
            if (!domains.contains(domain) && domain.startsWith(tenant.host() + ":")) {
                admin.removeDomain(domain);
                updated.add("removed domain " + domain);
            }
        }
    }
}
