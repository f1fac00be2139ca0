package io.skygear.gateway.internal.admin;

import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.DeploymentRouteType;
import io.skygear.core.config.HookRegistration;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.gateway.App;
import io.skygear.gateway.GatewayAdmin;
import io.skygear.gateway.GearVersion;
import io.skygear.gateway.Plan;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The endpoints of the admin HTTP API: one body record and one {@link GatewayAdmin} call each. */
public final class AdminApi {

    record PlanBody(Optional<String> id, String name, Optional<Map<String, Boolean>> gears, Optional<Long> maxUsers,
                    Optional<Long> maxAssetBytes, Optional<Long> requestsPerMinute) {

        TenantQuotas quotas() {
            try {
                return new TenantQuotas(optional(maxUsers), optional(maxAssetBytes), optional(requestsPerMinute));
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
    }

    record AppCreateBody(String name, ObjectNode config, Optional<String> planId, Optional<List<String>> domains) {
    }

    record AppBody(Optional<String> id, Optional<String> name) {
    }

    record AppConfigBody(String id, ObjectNode config) {
    }

    record AppPlanBody(String id, String planId) {
    }

    record DomainBody(String appId, String domain) {
    }

    record DomainRemoveBody(String domain) {
    }

    record GearVersionBody(String appId, String gear, String version) {
    }

    record RouteBody(String path, String type, Optional<ObjectNode> typeConfig) {
    }

    record RoutesBody(String appId, List<RouteBody> routes) {
    }

    record HookBody(String event, String url) {
    }

    record HooksBody(String appId, List<HookBody> hooks) {
    }

    record Empty() {
    }

    private final GatewayAdmin admin;

    public AdminApi(GatewayAdmin admin) {
        this.admin = admin;
    }

    /** Runs {@code action} (e.g. {@code /app/create}) with the request's body; returns the result object. */
    public Object call(String action, HttpServletRequest request) {
        JsonBodyReader reader = JsonBodyReader.standard();
        return switch (action) {
            case "/plan/create" -> {
                PlanBody body = reader.read(request, PlanBody.class);
                yield plan(admin.createPlan(body.name(), body.gears().orElse(Map.of()), body.quotas()));
            }
            case "/plan/update" -> {
                PlanBody body = reader.read(request, PlanBody.class);
                UUID id = uuid("id", body.id().orElseThrow(() -> invalid("id is required")));
                yield plan(admin.updatePlan(id, body.name(), body.gears().orElse(Map.of()), body.quotas()));
            }
            case "/plan/list" -> {
                reader.read(request, Empty.class);
                yield Map.of("plans", admin.plans().stream().map(AdminApi::plan).toList());
            }
            case "/app/create" -> {
                AppCreateBody body = reader.read(request, AppCreateBody.class);
                yield app(admin.createApp(body.name(), body.planId().map(id -> uuid("plan_id", id)).orElse(null),
                        config(body.config()), body.domains().orElse(List.of())));
            }
            case "/app/list" -> {
                reader.read(request, Empty.class);
                yield Map.of("apps", admin.apps().stream().map(AdminApi::app).toList());
            }
            case "/app/get" -> {
                AppBody body = reader.read(request, AppBody.class);
                Optional<App> app = body.id().isPresent() ? admin.app(uuid("id", body.id().get()))
                        : admin.appByName(body.name().orElseThrow(() -> invalid("id or name is required")));
                yield app(app.orElseThrow(() -> new SkygearException(ErrorName.NOT_FOUND, "AppNotFound", "no such app")));
            }
            case "/app/set_config" -> {
                AppConfigBody body = reader.read(request, AppConfigBody.class);
                admin.setConfig(uuid("id", body.id()), config(body.config()));
                yield Map.of();
            }
            case "/app/set_plan" -> {
                AppPlanBody body = reader.read(request, AppPlanBody.class);
                admin.setPlan(uuid("id", body.id()), uuid("plan_id", body.planId()));
                yield Map.of();
            }
            case "/domain/add" -> {
                DomainBody body = reader.read(request, DomainBody.class);
                admin.addDomain(uuid("app_id", body.appId()), body.domain());
                yield Map.of();
            }
            case "/domain/remove" -> {
                DomainRemoveBody body = reader.read(request, DomainRemoveBody.class);
                yield Map.of("removed", admin.removeDomain(body.domain()));
            }
            case "/gear/set_version" -> {
                GearVersionBody body = reader.read(request, GearVersionBody.class);
                GearVersion version;
                try {
                    version = GearVersion.parse(body.version());
                } catch (IllegalArgumentException e) {
                    throw invalid(e.getMessage());
                }
                admin.setGearVersion(uuid("app_id", body.appId()), body.gear(), version);
                yield Map.of();
            }
            case "/route/set" -> {
                RoutesBody body = reader.read(request, RoutesBody.class);
                admin.setRoutes(uuid("app_id", body.appId()), body.routes().stream().map(AdminApi::route).toList());
                yield Map.of();
            }
            case "/hook/set" -> {
                HooksBody body = reader.read(request, HooksBody.class);
                admin.setHooks(uuid("app_id", body.appId()),
                        body.hooks().stream().map(h -> new HookRegistration(h.event(), h.url())).toList());
                yield Map.of();
            }
            default -> throw new SkygearException(ErrorName.NOT_FOUND, "UnknownEndpoint", "unknown admin endpoint: " + action);
        };
    }

    private static DeploymentRoute route(RouteBody body) {
        DeploymentRouteType type = Arrays.stream(DeploymentRouteType.values())
                .filter(t -> t.wireValue().equals(body.type())).findFirst()
                .orElseThrow(() -> invalid("route type must be http-service, http-handler or function: " + body.type()));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = body.typeConfig().map(n -> (Map<String, Object>) Json.mapper().convertValue(n, Map.class))
                .orElse(Map.of());
        return new DeploymentRoute("", body.path(), type, config);
    }

    private static TenantConfig config(ObjectNode node) {
        return TenantConfig.parseJson(Json.mapper().writeValueAsString(node));
    }

    private static Map<String, Object> plan(Plan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", plan.id().toString());
        json.put("name", plan.name());
        json.put("gears", plan.gears());
        plan.quotas().maxUsers().ifPresent(v -> json.put("max_users", v));
        plan.quotas().maxAssetBytes().ifPresent(v -> json.put("max_asset_bytes", v));
        plan.quotas().requestsPerMinute().ifPresent(v -> json.put("requests_per_minute", v));
        json.put("is_default", plan.isDefault());
        return json;
    }

    private static Map<String, Object> app(App app) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", app.id().toString());
        json.put("name", app.name());
        json.put("plan_id", app.planId().toString());
        json.put("domains", app.domains());
        Map<String, String> versions = new LinkedHashMap<>();
        app.gearVersions().forEach((gear, version) -> versions.put(gear, version.wireName()));
        json.put("gear_versions", versions);
        JsonNode config = Json.mapper().readTree(app.config().toJson());
        json.put("config", config);
        return json;
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw invalid(field + " is not a UUID: " + value);
        }
    }

    private static OptionalLong optional(Optional<Long> value) {
        return value.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static SkygearException invalid(String message) {
        return new SkygearException(ErrorName.INVALID, "InvalidArgument", message);
    }
}
