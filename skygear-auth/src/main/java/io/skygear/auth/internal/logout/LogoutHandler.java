package io.skygear.auth.internal.logout;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import java.util.Map;

/** {@code POST /_auth/logout} (K+U): ends the caller's session; the body is ignored; clears the cookie. */
public final class LogoutHandler implements AuthHandler {

    private final LogoutService service;

    public LogoutHandler(LogoutService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "logout";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        service.logout(request.tenant(), request.session().orElseThrow(), request.user(), request.hookContext(),
                request.auditOrigin());
        request.clearSessionCookie();
        request.writeResult(Map.of());
    }
}
