package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import java.util.Map;

/**
 * {@code POST /_auth/session/revoke} (K+U), {@code {"session_id"}}: {@code {}}. The current session is
 * 400 (log out instead); an unknown id or another user's session is ignored.
 */
public final class SessionRevokeHandler implements AuthHandler {

    private final SessionRevocation revocation;

    public SessionRevokeHandler(SessionRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    public String path() {
        return "session/revoke";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        String sessionId = request.body(SessionIdBody.class).requireId();
        revocation.revoke(request.tenant(), request.session().orElseThrow(), request.user(), sessionId,
                request.hookContext());
        request.writeResult(Map.of());
    }
}
