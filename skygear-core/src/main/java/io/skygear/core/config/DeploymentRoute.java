package io.skygear.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of {@code deployment_routes[]}: requests under {@code path} go to an HTTP backend.
 *
 * @param version    deployment version label
 * @param path       route path, e.g. {@code /api}
 * @param type       how the path is forwarded
 * @param typeConfig free-form settings; the gateway reads {@code backend_url} and {@code target_path}
 */
public record DeploymentRoute(String version, String path, DeploymentRouteType type, Map<String, Object> typeConfig) {

    public DeploymentRoute {
        typeConfig = Collections.unmodifiableMap(new LinkedHashMap<>(typeConfig));
    }

    /** {@code type_config.backend_url}, or {@code ""}. */
    public String backendUrl() {
        return typeConfig.get("backend_url") instanceof String s ? s : "";
    }

    /** {@code type_config.target_path}, or {@code ""}. */
    public String targetPath() {
        return typeConfig.get("target_path") instanceof String s ? s : "";
    }
}
