package io.skygear.examples.spring;

import io.skygear.auth.AuthContext;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKey;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The host app's own endpoint: how Spring MVC code sees the caller the Skygear filters resolved. Answers
 * in the Skygear envelope so that Skygear clients read it like any {@code /_auth} response.
 */
@RestController
public class MeController {

    /** The signed-in caller; 401 {@code Unauthorized/NotAuthenticated} without a valid access token. */
    @GetMapping("/api/me")
    public Map<String, Object> me(HttpServletRequest request) {
        AuthContext caller = AuthContext.of(request);
        if (!caller.isAuthenticated()) {
            throw new SkygearException(ErrorName.UNAUTHORIZED, "NotAuthenticated", "authentication required");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("app_id", TenantContext.require(request).appId());
        result.put("user_id", caller.userId().orElseThrow());
        result.put("session_id", caller.sessionId().orElseThrow());
        result.put("identity_type", caller.identity().orElseThrow().type());
        caller.clientId().ifPresent(id -> result.put("client_id", id));
        result.put("master_key", caller.accessKey().type() == AccessKey.Type.MASTER_KEY);
        return Map.of("result", result);
    }

    /** Skygear errors thrown by host code keep the Skygear envelope and status. */
    @ExceptionHandler(SkygearException.class)
    public void skygearError(SkygearException error, HttpServletResponse response) throws IOException {
        ApiResponses.writeError(response, error);
    }
}
