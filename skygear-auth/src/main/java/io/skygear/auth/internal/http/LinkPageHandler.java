package io.skygear.auth.internal.http;

import io.skygear.core.tenant.TenantContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A page that the link of a message opens (GET, or POST from the page's own form; no authz): reads
 * {@code user_id} and {@code code} from the query or form and starts the template context with them
 * and the app's name.
 */
public abstract class LinkPageHandler implements AuthHandler {

    private final String path;

    protected LinkPageHandler(String path) {
        this.path = path;
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final Set<String> methods() {
        return Set.of("GET", "POST");
    }

    @Override
    public final AuthzPolicy authz() {
        return AuthzPolicy.NONE;
    }

    @Override
    public final void handle(AuthRequest request) throws Exception {
        String userId = request.parameter("user_id").orElse("");
        String code = request.parameter("code").orElse("");
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("appname", appName(request.tenant()));
        context.put("user_id", userId);
        context.put("code", code);
        respond(request, userId, code, context);
    }

    /** The name the page shows. */
    protected abstract String appName(TenantContext tenant);

    /** Answers with {@code context} holding {@code appname}, {@code user_id} and {@code code}. */
    protected abstract void respond(AuthRequest request, String userId, String code, Map<String, Object> context)
            throws Exception;
}
