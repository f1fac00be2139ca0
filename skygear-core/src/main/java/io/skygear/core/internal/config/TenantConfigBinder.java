package io.skygear.core.internal.config;

import io.skygear.core.config.AppConfig;
import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.DeploymentRouteType;
import io.skygear.core.config.HookRegistration;
import io.skygear.core.config.HookTimeoutConfig;
import io.skygear.core.config.TemplateItem;
import io.skygear.core.config.TenantConfig;
import java.util.regex.Pattern;

/**
 * Builds a {@link TenantConfig} from a JSON tree with the original's defaults, reporting every
 * single-field problem (the original's top-level checks and its JSON Schema) as it goes.
 */
final class TenantConfigBinder {

    /** A DNS label of at most 40 characters, as the original's {@code name.ValidateAppName}. */
    private static final Pattern APP_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");

    private TenantConfigBinder() {
    }

    static TenantConfig bind(ConfigObject root) {
        if (!"1".equals(root.string("version"))) {
            root.report(Causes.general(root.pointer("version"), "only version 1 is supported"));
        }
        String appId = root.requiredString("app_id");
        String appName = root.requiredString("app_name");
        if (!appName.isEmpty() && !APP_NAME.matcher(appName).matches()) {
            root.report(Causes.general(root.pointer("app_name"), "invalid app name"));
        }
        return new TenantConfig(
                "1",
                appId,
                appName,
                appConfig(root.materialized("app_config")),
                UserConfigBinder.bind(root.materialized("user_config"), appName),
                root.objects("hooks").stream().map(TenantConfigBinder::hook).toList(),
                root.objects("deployment_routes").stream().map(TenantConfigBinder::route).toList(),
                root.objects("template_items").stream().map(TenantConfigBinder::templateItem).toList());
    }

    /**
     * The original reported a missing database URL at {@code /database_url}; here every pointer is
     * the value's real position, {@code /app_config/database_url}.
     */
    private static AppConfig appConfig(ConfigObject o) {
        String url = o.requiredString("database_url");
        String schema = o.requiredString("database_schema");
        ConfigObject hook = o.object("hook");
        return new AppConfig(url, schema, new HookTimeoutConfig(
                hook.integer("sync_hook_timeout_second", 5, 0, ConfigObject.UNBOUNDED),
                hook.integer("sync_hook_total_timeout_second", 10, 0, ConfigObject.UNBOUNDED)));
    }

    private static HookRegistration hook(ConfigObject o) {
        return new HookRegistration(o.requiredString("event"), o.requiredString("url"));
    }

    private static DeploymentRoute route(ConfigObject o) {
        return new DeploymentRoute(
                o.string("version"),
                o.requiredString("path"),
                o.requiredEnum("type", DeploymentRouteType.class, DeploymentRouteType.HTTP_SERVICE),
                o.freeform("type_config"));
    }

    private static TemplateItem templateItem(ConfigObject o) {
        return new TemplateItem(
                o.requiredString("type"), o.string("language_tag"), o.string("key"), o.requiredString("uri"),
                o.string("digest"));
    }
}
