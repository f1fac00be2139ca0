package io.skygear.gateway.internal.admin;

import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.HookRegistration;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.gateway.App;
import io.skygear.gateway.GearVersion;
import io.skygear.gateway.Plan;
import io.skygear.gateway.internal.resolve.ConfigTables;
import io.skygear.gateway.internal.route.ForwardUrl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/** The SQL behind {@code GatewayAdmin}: plain SQL with bind values on the qualified app_config tables. */
public final class ConfigStore {

    private static final Pattern GEAR = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9.\\-\\[\\]:_]{1,253}");
    private static final String NOW = "timezone('UTC', now())";

    private final Database database;
    private final ConfigTables t;

    public ConfigStore(Database database) {
        this.database = database;
        this.t = ConfigTables.of(database);
    }

    public Plan createPlan(String name, Map<String, Boolean> gears, TenantQuotas quotas) {
        requireName("name", name);
        UUID id = UUID.randomUUID();
        database.transaction(trx -> {
            DSLContext dsl = trx.dsl();
            dsl.execute(t.sql("INSERT INTO {plan} (id, created_at, updated_at, name, auth_enabled, is_default, "
                            + "max_users, max_asset_bytes, requests_per_minute) VALUES (?, " + NOW + ", " + NOW
                            + ", ?, ?, false, ?, ?, ?)"),
                    id, name, gears.getOrDefault("auth", false), value(quotas.maxUsers()),
                    value(quotas.maxAssetBytes()), value(quotas.requestsPerMinute()));
            writeGears(dsl, id, gears);
        });
        return plan(id).orElseThrow();
    }

    public Plan updatePlan(UUID id, String name, Map<String, Boolean> gears, TenantQuotas quotas) {
        requireName("name", name);
        database.transaction(trx -> {
            DSLContext dsl = trx.dsl();
            int updated = dsl.execute(t.sql("UPDATE {plan} SET updated_at = " + NOW + ", name = ?, auth_enabled = ?, "
                            + "max_users = ?, max_asset_bytes = ?, requests_per_minute = ? WHERE id = ?"),
                    name, gears.getOrDefault("auth", false), value(quotas.maxUsers()), value(quotas.maxAssetBytes()),
                    value(quotas.requestsPerMinute()), id);
            if (updated == 0) {
                throw planNotFound(id);
            }
            dsl.execute(t.sql("DELETE FROM {plan_gear} WHERE plan_id = ?"), id);
            writeGears(dsl, id, gears);
        });
        return plan(id).orElseThrow();
    }

    private void writeGears(DSLContext dsl, UUID planId, Map<String, Boolean> gears) {
        for (Map.Entry<String, Boolean> gear : gears.entrySet()) {
            requireGear(gear.getKey());
            if (!gear.getKey().equals("auth")) {
                dsl.execute(t.sql("INSERT INTO {plan_gear} (plan_id, gear, enabled) VALUES (?, ?, ?)"),
                        planId, gear.getKey(), gear.getValue());
            }
        }
    }

    public List<Plan> plans() {
        return database.dsl().fetch(t.sql(planQuery("ORDER BY p.created_at, p.name"))).map(ConfigStore::plan);
    }

    private Optional<Plan> plan(UUID id) {
        return Optional.ofNullable(database.dsl().fetchOne(t.sql(planQuery("WHERE p.id = ?")), id)).map(ConfigStore::plan);
    }

    private static String planQuery(String tail) {
        return """
                SELECT p.id, p.name, p.auth_enabled, p.is_default, p.max_users, p.max_asset_bytes, p.requests_per_minute,
                       (SELECT coalesce(json_object_agg(g.gear, g.enabled), '{}'::json)
                          FROM {plan_gear} g WHERE g.plan_id = p.id)::text AS gears
                FROM {plan} p
                """ + tail;
    }

    private static Plan plan(Record row) {
        Map<String, Boolean> gears = new LinkedHashMap<>();
        gears.put("auth", row.get("auth_enabled", Boolean.class));
        Json.mapper().readTree(row.get("gears", String.class)).properties()
                .forEach(e -> gears.put(e.getKey(), e.getValue().asBoolean()));
        return new Plan(row.get("id", UUID.class), row.get("name", String.class), gears,
                new TenantQuotas(optional(row, "max_users"), optional(row, "max_asset_bytes"),
                        optional(row, "requests_per_minute")),
                row.get("is_default", Boolean.class));
    }

    public App createApp(String name, UUID planId, TenantConfig config, List<String> domains) {
        requireName("name", name);
        List<String> normalized = domains.stream().map(ConfigStore::domain).toList();
        UUID appId = UUID.randomUUID();
        UUID configId = UUID.randomUUID();
        translate(() -> database.transaction(trx -> {
            DSLContext dsl = trx.dsl();
            UUID plan = planId != null ? planId : defaultPlan(dsl);
            if (dsl.fetchOne(t.sql("SELECT 1 FROM {plan} WHERE id = ?"), plan) == null) {
                throw planNotFound(plan);
            }
            dsl.execute(t.sql("INSERT INTO {config} (id, created_at, updated_at, config, app_id) VALUES (?, " + NOW
                    + ", " + NOW + ", ?::jsonb, ?)"), configId, config.toJson(), appId);
            dsl.execute(t.sql("INSERT INTO {app} (id, created_at, updated_at, name, plan_id, config_id, auth_version) "
                    + "VALUES (?, " + NOW + ", " + NOW + ", ?, ?, ?, 'live')"), appId, name, plan, configId);
            for (String domain : normalized) {
                insertDomain(dsl, appId, domain);
            }
        }), "app name or domain already taken: " + name + " " + normalized);
        return app(appId).orElseThrow();
    }

    private UUID defaultPlan(DSLContext dsl) {
        Record row = dsl.fetchOne(t.sql("SELECT id FROM {plan} WHERE is_default ORDER BY created_at LIMIT 1"));
        if (row == null) {
            throw new SkygearException(ErrorName.NOT_FOUND, "PlanNotFound", "no default plan");
        }
        return row.get(0, UUID.class);
    }

    public Optional<App> app(UUID id) {
        return findApps("WHERE a.id = ?", id).stream().findFirst();
    }

    public Optional<App> appByName(String name) {
        return findApps("WHERE a.name = ?", name).stream().findFirst();
    }

    public List<App> apps() {
        return findApps("ORDER BY a.name COLLATE \"C\"");
    }

    private List<App> findApps(String tail, Object... binds) {
        return database.dsl().fetch(t.sql("""
                SELECT a.id, a.name, a.plan_id, a.auth_version, c.config::text AS config,
                       (SELECT coalesce(json_agg(d.domain ORDER BY d.domain), '[]'::json)
                          FROM {domain} d WHERE d.app_id = a.id)::text AS domains,
                       (SELECT coalesce(json_object_agg(v.gear, v.version), '{}'::json)
                          FROM {app_gear_version} v WHERE v.app_id = a.id)::text AS versions
                FROM {app} a JOIN {config} c ON c.id = a.config_id
                """ + tail), binds).map(ConfigStore::app);
    }

    private static App app(Record row) {
        List<String> domains = Json.mapper().readTree(row.get("domains", String.class)).valueStream()
                .map(n -> n.asString()).toList();
        Map<String, GearVersion> versions = new LinkedHashMap<>();
        versions.put("auth", GearVersion.fromWire(row.get("auth_version", String.class)));
        Json.mapper().readTree(row.get("versions", String.class)).properties()
                .forEach(e -> versions.put(e.getKey(), GearVersion.fromWire(e.getValue().asString())));
        return new App(row.get("id", UUID.class), row.get("name", String.class),
                row.get("plan_id", UUID.class), TenantConfig.parseJson(row.get("config", String.class)), domains,
                versions);
    }

    public void setConfig(UUID appId, TenantConfig config) {
        int updated = database.dsl().execute(t.sql("UPDATE {config} SET config = ?::jsonb, updated_at = " + NOW
                + " WHERE id = (SELECT config_id FROM {app} WHERE id = ?)"), config.toJson(), appId);
        if (updated == 0) {
            throw appNotFound(appId);
        }
    }

    public void setPlan(UUID appId, UUID planId) {
        translate(() -> {
            if (database.dsl().execute(t.sql("UPDATE {app} SET plan_id = ?, updated_at = " + NOW + " WHERE id = ?"),
                    planId, appId) == 0) {
                throw appNotFound(appId);
            }
        }, "");
    }

    public void addDomain(UUID appId, String domain) {
        String normalized = domain(domain);
        translate(() -> database.transaction(trx -> insertDomain(trx.dsl(), appId, normalized)),
                "domain already taken: " + normalized);
    }

    private void insertDomain(DSLContext dsl, UUID appId, String domain) {
        dsl.execute(t.sql("INSERT INTO {domain} (id, created_at, updated_at, domain, app_id) VALUES (?, " + NOW + ", "
                + NOW + ", ?, ?)"), UUID.randomUUID(), domain, appId);
    }

    public boolean removeDomain(String domain) {
        return database.dsl().execute(t.sql("DELETE FROM {domain} WHERE domain = ?"), domain(domain)) > 0;
    }

    public void setGearVersion(UUID appId, String gear, GearVersion version) {
        requireGear(gear);
        translate(() -> {
            int updated = gear.equals("auth")
                    ? database.dsl().execute(t.sql("UPDATE {app} SET auth_version = ?, updated_at = " + NOW
                    + " WHERE id = ?"), version.wireName(), appId)
                    : database.dsl().execute(t.sql("INSERT INTO {app_gear_version} (app_id, gear, version) VALUES (?, ?, ?) "
                    + "ON CONFLICT (app_id, gear) DO UPDATE SET version = excluded.version"), appId, gear, version.wireName());
            if (updated == 0) {
                throw appNotFound(appId);
            }
        }, "");
    }

    public void setRoutes(UUID appId, List<DeploymentRoute> routes) {
        for (DeploymentRoute route : routes) {
            if (!route.path().startsWith("/")) {
                throw invalid("route path must start with /: " + route.path());
            }
            try {
                ForwardUrl.of(route, route.path(), null);
            } catch (IllegalArgumentException e) {
                throw invalid("route " + route.path() + ": " + e.getMessage());
            }
        }
        String deployment = UUID.randomUUID().toString();
        deploy(appId, t.sql("UPDATE {deployment_route} SET is_last_deployment = false WHERE app_id = ? AND is_last_deployment"),
                dsl -> {
                    for (DeploymentRoute route : routes) {
                        dsl.execute(t.sql("INSERT INTO {deployment_route} (id, created_at, deployment_version, path, app_id, "
                                        + "type, type_config, is_last_deployment) VALUES (?, " + NOW + ", ?, ?, ?, ?, ?::jsonb, true)"),
                                UUID.randomUUID(), route.version().isEmpty() ? deployment : route.version(), route.path(),
                                appId, route.type().wireValue(), Json.mapper().writeValueAsString(route.typeConfig()));
                    }
                });
    }

    public void setHooks(UUID appId, List<HookRegistration> hooks) {
        List<Map<String, String>> json = hooks.stream().map(h -> Map.of("event", h.event(), "url", h.url())).toList();
        deploy(appId, t.sql("UPDATE {deployment_hook} SET is_last_deployment = false WHERE app_id = ? AND is_last_deployment"),
                dsl -> dsl.execute(t.sql("INSERT INTO {deployment_hook} (id, created_at, deployment_version, hooks, app_id, "
                                + "is_last_deployment) VALUES (?, " + NOW + ", ?, ?::jsonb, ?, true)"),
                        UUID.randomUUID(), UUID.randomUUID().toString(), Json.mapper().writeValueAsString(json), appId));
    }

    private void deploy(UUID appId, String retire, Consumer<DSLContext> insert) {
        database.transaction(trx -> {
            DSLContext dsl = trx.dsl();
            // the app row is locked so that two deployments of one app do not both stay "last"
            if (dsl.fetchOne(t.sql("SELECT 1 FROM {app} WHERE id = ? FOR UPDATE"), appId) == null) {
                throw appNotFound(appId);
            }
            dsl.execute(retire, appId);
            insert.accept(dsl);
        });
    }

    /** Runs {@code work}, answering unique and foreign-key violations as AlreadyExists / NotFound. */
    private static void translate(Runnable work, String duplicateMessage) {
        try {
            work.run();
        } catch (DataAccessException e) {
            String state = e.sqlState();
            if ("23505".equals(state)) {
                throw new SkygearException(ErrorName.ALREADY_EXISTS, "AlreadyExists", duplicateMessage);
            }
            if ("23503".equals(state)) {
                throw new SkygearException(ErrorName.NOT_FOUND, "NotFound", "app or plan not found");
            }
            throw e;
        }
    }

    private static String domain(String domain) {
        String lower = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(lower).matches()) {
            throw invalid("invalid domain: " + domain);
        }
        return lower;
    }

    private static void requireGear(String gear) {
        if (gear == null || !GEAR.matcher(gear).matches()) {
            throw invalid("invalid gear name (lower-case letters, digits, - and _): " + gear);
        }
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw invalid(what + " must be 1 to 200 characters");
        }
    }

    private static SkygearException invalid(String message) {
        return new SkygearException(ErrorName.INVALID, "InvalidArgument", message);
    }

    private static SkygearException appNotFound(UUID appId) {
        return new SkygearException(ErrorName.NOT_FOUND, "AppNotFound", "no app " + appId);
    }

    private static SkygearException planNotFound(UUID planId) {
        return new SkygearException(ErrorName.NOT_FOUND, "PlanNotFound", "no plan " + planId);
    }

    private static Long value(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static OptionalLong optional(Record row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
