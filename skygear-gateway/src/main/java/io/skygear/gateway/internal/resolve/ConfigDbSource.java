package io.skygear.gateway.internal.resolve;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.config.TenantConfigException;
import io.skygear.core.db.Database;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.gateway.GearVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tenants from the config database (§1.3 of the platform reference) in one query: the app of the
 * domain, its config, plan, gear settings, last deployment's routes and hooks. An invalid config row
 * counts as no tenant (400 {@code App not found}), as in the original, and is logged.
 */
public final class ConfigDbSource implements TenantSource {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDbSource.class);

    private final Database database;
    private final String query;

    public ConfigDbSource(Database database) {
        this.database = database;
        this.query = ConfigTables.of(database).sql("""
                SELECT a.id, a.auth_version, c.config::text AS config, p.auth_enabled,
                       p.max_users, p.max_asset_bytes, p.requests_per_minute,
                       (SELECT coalesce(json_object_agg(g.gear, g.enabled), '{}'::json)
                          FROM {plan_gear} g WHERE g.plan_id = p.id)::text AS gears,
                       (SELECT coalesce(json_object_agg(v.gear, v.version), '{}'::json)
                          FROM {app_gear_version} v WHERE v.app_id = a.id)::text AS versions,
                       (SELECT coalesce(json_agg(json_build_object('version', r.deployment_version, 'path', r.path,
                                   'type', r.type, 'type_config', r.type_config) ORDER BY r.created_at, r.id), '[]'::json)
                          FROM {deployment_route} r WHERE r.app_id = a.id AND r.is_last_deployment)::text AS routes,
                       (SELECT h.hooks FROM {deployment_hook} h WHERE h.app_id = a.id AND h.is_last_deployment
                          ORDER BY h.created_at DESC LIMIT 1)::text AS hooks
                FROM {domain} d
                JOIN {app} a ON a.id = d.app_id
                JOIN {config} c ON c.id = a.config_id
                JOIN {plan} p ON p.id = a.plan_id
                WHERE d.domain = ?""");
    }

    @Override
    public Optional<ResolvedTenant> resolve(String host) {
        Record row = database.dsl().fetchOne(query, host);
        if (row == null) {
            return Optional.empty();
        }
        TenantConfig config;
        try {
            config = TenantConfig.parseJson(merged(row));
        } catch (TenantConfigException | IllegalArgumentException | JacksonException e) {
            LOG.warn("app {} of host {} has an invalid configuration, answered as App not found: {}",
                    row.get("id"), host, e.getMessage());
            return Optional.empty();
        }
        TenantQuotas quotas = new TenantQuotas(optional(row, "max_users"), optional(row, "max_asset_bytes"),
                optional(row, "requests_per_minute"));
        Map<String, Boolean> gears = new LinkedHashMap<>();
        Json.mapper().readTree(row.get("gears", String.class)).properties()
                .forEach(e -> gears.put(e.getKey(), e.getValue().asBoolean()));
        Map<String, GearVersion> versions = new LinkedHashMap<>();
        Json.mapper().readTree(row.get("versions", String.class)).properties()
                .forEach(e -> versions.put(e.getKey(), GearVersion.fromWire(e.getValue().asString())));
        return Optional.of(new ResolvedTenant(TenantContext.of(config, quotas), gears,
                row.get("auth_enabled", Boolean.class), versions,
                GearVersion.fromWire(row.get("auth_version", String.class)), false));
    }

    /** The config row with the last deployment's routes and hooks appended, as the original did. */
    private static String merged(Record row) {
        JsonNode parsed = Json.mapper().readTree(row.get("config", String.class));
        if (!(parsed instanceof ObjectNode config)) {
            throw new IllegalArgumentException("config is not a JSON object");
        }
        append(config, "deployment_routes", Json.mapper().readTree(row.get("routes", String.class)));
        String hooks = row.get("hooks", String.class);
        if (hooks != null) {
            append(config, "hooks", Json.mapper().readTree(hooks));
        }
        return Json.mapper().writeValueAsString(config);
    }

    private static void append(ObjectNode config, String key, JsonNode items) {
        if (!(items instanceof ArrayNode array) || array.isEmpty()) {
            return;
        }
        JsonNode existing = config.get(key);
        ArrayNode target = existing instanceof ArrayNode a ? a : config.putArray(key);
        target.addAll(array);
    }

    private static OptionalLong optional(Record row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
