package io.skygear.examples;

import io.skygear.core.http.AccessKey;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonApiServlet;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host app's own endpoint, outside {@code /_auth}: shows what the Skygear filters put on every
 * request (the tenant and the key the caller presented).
 */
final class HelloServlet extends JsonApiServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AccessKey key = AccessKey.of(request);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("message", "Hello from the host app");
        result.put("app_id", TenantContext.require(request).appId());
        result.put("access_key", switch (key.type()) {
            case MASTER_KEY -> "master_key";
            case API_KEY -> "api_key";
            case NO_ACCESS_KEY -> "none";
        });
        key.clientId().ifPresent(id -> result.put("client_id", id));
        ApiResponses.writeResult(response, result);
    }
}
