package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import java.util.Map;

/** {@code POST /_auth/sso/{provider}/unlink} (K+U, body {@code {}}): removes the caller's identity at the provider. */
public final class UnlinkHandler implements AuthHandler {

    private final SsoService service;

    public UnlinkHandler(SsoService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "sso/" + AuthServlet.PROVIDER_SEGMENT + "/unlink";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.emptyBody();
        service.unlink(request.tenant(), request.pathParameter(), request.session().orElseThrow(AuthzPolicy::notAuthenticated),
                request.hookContext());
        request.writeResult(Map.of());
    }
}
