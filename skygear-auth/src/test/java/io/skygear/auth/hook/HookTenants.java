package io.skygear.auth.hook;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Tenants with hooks, and sample payloads, for the hook tests. */
final class HookTenants {

    static final String SECRET = "hook-Secret-9c41";
    static final String MASTER_KEY = "master-Key-77d0";

    private HookTenants() {
    }

    /**
     * A tenant whose {@code hooks[]} are the given (event, url) pairs, in order, with the given sync
     * hook timeouts in seconds.
     */
    static TenantContext tenant(String appId, int timeoutSeconds, int totalTimeoutSeconds, String... eventUrlPairs) {
        StringBuilder hooks = new StringBuilder(eventUrlPairs.length == 0 ? "hooks: []\n" : "hooks:\n");
        for (int i = 0; i < eventUrlPairs.length; i += 2) {
            hooks.append("  - event: ").append(eventUrlPairs[i]).append('\n')
                    .append("    url: '").append(eventUrlPairs[i + 1]).append("'\n");
        }
        return TenantContext.of(TenantConfig.parseYaml("""
                version: "1"
                app_id: %s
                app_name: hooktest
                app_config:
                  database_url: postgres://localhost/app
                  database_schema: app
                  hook:
                    sync_hook_timeout_second: %d
                    sync_hook_total_timeout_second: %d
                user_config:
                  master_key: %s
                  auth:
                    authentication_session:
                      secret: authn-secret
                  hook:
                    secret: %s
                  asset:
                    secret: asset-secret
                %s""".formatted(appId, timeoutSeconds, totalTimeoutSeconds, MASTER_KEY, SECRET, hooks)));
    }

    static TenantContext tenant(String appId, String... eventUrlPairs) {
        return tenant(appId, 5, 10, eventUrlPairs);
    }

    static HookUser user(String id) {
        return new HookUser(id, Instant.parse("2019-11-29T10:00:00.123456Z"), Optional.empty(), false, false,
                Map.of("john@example.com", false), Map.of("plan", "free"));
    }

    static HookIdentity identity(String id) {
        return HookIdentity.password(id, "email", "john@example.com", Map.of("email", "john@example.com"));
    }

    static Map<String, Object> session(String id) {
        return Map.of("id", id, "identity_id", "principal-1", "identity_type", "password");
    }
}
