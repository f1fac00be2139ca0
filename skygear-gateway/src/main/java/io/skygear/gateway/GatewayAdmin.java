package io.skygear.gateway;

import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.HookRegistration;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.gateway.internal.admin.ConfigStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Provisioning of the config database ({@code app_config}): plans, apps with their config, domains,
 * gear versions, deployment routes and hooks. Every change commits in one transaction and is seen by
 * every gateway on the database within about a second (the tables' triggers notify them; the gateway
 * this came from, {@link GatewayFilter#admin()}, forgets its cache at once).
 *
 * <pre>{@code
 * GatewayAdmin admin = GatewayAdmin.of(configDatabase);
 * Plan pro = admin.createPlan("pro", Map.of("auth", true, "asset", true), quotas);
 * App app = admin.createApp("myapp", pro.id(), TenantConfig.load(path), List.of("myapp.example.com"));
 * admin.setGearVersion(app.id(), "auth", GearVersion.NIGHTLY);
 * }</pre>
 *
 * Errors are {@code SkygearException}s: {@code NotFound} (no such app or plan), {@code AlreadyExists}
 * (app name or domain taken), {@code Invalid} (a bad name, domain, gear or route). Thread-safe.
 */
public final class GatewayAdmin {

    private final ConfigStore store;
    private final Runnable onChange;

    GatewayAdmin(Database configDatabase, Runnable onChange) {
        this.store = new ConfigStore(Objects.requireNonNull(configDatabase, "configDatabase"));
        this.onChange = onChange;
    }

    /** Admin of a config database (schema {@code app_config}, migrated with module {@code gateway}). */
    public static GatewayAdmin of(Database configDatabase) {
        return new GatewayAdmin(configDatabase, () -> { });
    }

    /**
     * A plan; {@code gears} enables ({@code true}) or disables gears by name ({@code auth} is the
     * original's {@code auth_enabled}).
     */
    public Plan createPlan(String name, Map<String, Boolean> gears, TenantQuotas quotas) {
        return changed(store.createPlan(name, gears, quotas));
    }

    /** Replaces a plan's name, gears and quotas. */
    public Plan updatePlan(UUID planId, String name, Map<String, Boolean> gears, TenantQuotas quotas) {
        return changed(store.updatePlan(planId, name, gears, quotas));
    }

    public List<Plan> plans() {
        return store.plans();
    }

    /** An app with the default plan and no domain yet. */
    public App createApp(String name, TenantConfig config) {
        return createApp(name, null, config, List.of());
    }

    /**
     * An app: {@code planId} null means the default plan; {@code domains} are the host names (port
     * included when clients send one) that resolve to it. Auth starts {@code live}.
     */
    public App createApp(String name, UUID planId, TenantConfig config, List<String> domains) {
        return changed(store.createApp(name, planId, config, domains));
    }

    public Optional<App> app(UUID appId) {
        return store.app(appId);
    }

    public Optional<App> appByName(String name) {
        return store.appByName(name);
    }

    /**
     * Every app, by name, with its config: e.g. to register each tenant's database with
     * {@code TenantDatabases} before the gears are built, so their outboxes resume at startup.
     */
    public List<App> apps() {
        return store.apps();
    }

    /** Replaces the app's tenant configuration. */
    public void setConfig(UUID appId, TenantConfig config) {
        store.setConfig(appId, config);
        onChange.run();
    }

    public void setPlan(UUID appId, UUID planId) {
        store.setPlan(appId, planId);
        onChange.run();
    }

    public void addDomain(UUID appId, String domain) {
        store.addDomain(appId, domain);
        onChange.run();
    }

    /** Detaches a domain; false when no app had it. */
    public boolean removeDomain(String domain) {
        boolean removed = store.removeDomain(domain);
        onChange.run();
        return removed;
    }

    /** The version of {@code gear} for the app ({@code auth} is the original's {@code auth_version}). */
    public void setGearVersion(UUID appId, String gear, GearVersion version) {
        store.setGearVersion(appId, gear, version);
        onChange.run();
    }

    /** A new deployment of the app's routes, replacing the last one (earlier rows stay as history). */
    public void setRoutes(UUID appId, List<DeploymentRoute> routes) {
        store.setRoutes(appId, routes);
        onChange.run();
    }

    /** A new deployment of the app's hooks, replacing the last one. */
    public void setHooks(UUID appId, List<HookRegistration> hooks) {
        store.setHooks(appId, hooks);
        onChange.run();
    }

    private <T> T changed(T result) {
        onChange.run();
        return result;
    }
}
