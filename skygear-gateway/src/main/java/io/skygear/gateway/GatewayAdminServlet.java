package io.skygear.gateway;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonApiServlet;
import io.skygear.gateway.internal.admin.AdminApi;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The admin HTTP API over {@link GatewayAdmin}: {@code POST /_admin/<resource>/<action>} with a JSON
 * body and the admin key in {@code X-Skygear-API-Key}, answered with the usual
 * {@code {"result":…}} / {@code {"error":…}} envelope. {@link GatewayFilter} serves it at
 * {@code /_admin/*} when {@link GatewaySettings#adminKey()} is set; a host may also mount it itself.
 * Endpoints and bodies: docs/gateway.md.
 */
public final class GatewayAdminServlet extends JsonApiServlet {

    private final transient AdminApi api;
    private final byte[] key;

    public GatewayAdminServlet(GatewayAdmin admin, String adminKey) {
        this.api = new AdminApi(Objects.requireNonNull(admin, "admin"));
        if (adminKey == null || adminKey.length() < 16) {
            throw new IllegalArgumentException("adminKey: must be at least 16 characters");
        }
        this.key = adminKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String presented = request.getHeader(AccessKeyFilter.HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), key)) {
            throw new SkygearException(ErrorName.UNAUTHORIZED, "AdminKeyRequired", "admin key is required");
        }
        if (!"POST".equals(request.getMethod())) {
            throw new SkygearException(ErrorName.BAD_REQUEST, "MethodNotAllowed", "use POST");
        }
        String action = request.getPathInfo() == null ? "" : request.getPathInfo();
        ApiResponses.writeResult(response, api.call(action, request));
    }
}
