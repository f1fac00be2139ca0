package io.skygear.examples.multitenant;

import io.skygear.auth.AuthContext;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonApiServlet;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantQuotas;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host app's own endpoint behind the gateway: which app the {@code Host} header resolved to, the
 * quotas of its plan and who calls (key type, client, user), as the gateway and the auth gear's filter
 * put them on the request.
 */
final class AppInfoServlet extends JsonApiServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TenantContext tenant = TenantContext.require(request);
        AuthContext caller = AuthContext.of(request);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message", "Hello from " + tenant.config().appName());
        result.put("app_id", tenant.appId());
        result.put("quotas", quotas(tenant.quotas()));
        result.put("access_key", switch (caller.accessKey().type()) {
            case MASTER_KEY -> "master_key";
            case API_KEY -> "api_key";
            case NO_ACCESS_KEY -> "none";
        });
        caller.clientId().ifPresent(id -> result.put("client_id", id));
        caller.userId().ifPresent(id -> result.put("user_id", id));
        ApiResponses.writeResult(response, result);
    }

    private static Map<String, Object> quotas(TenantQuotas quotas) {
        Map<String, Object> json = new LinkedHashMap<>();
        quotas.maxUsers().ifPresent(v -> json.put("max_users", v));
        quotas.maxAssetBytes().ifPresent(v -> json.put("max_asset_bytes", v));
        quotas.requestsPerMinute().ifPresent(v -> json.put("requests_per_minute", v));
        return json;
    }
}
