package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import java.util.Map;

/** {@code POST /_auth/session/revoke_all} (K+U), body {@code {}}: {@code {}}; every session but the current one ends. */
public final class SessionRevokeAllHandler implements AuthHandler {

    private final SessionRevocation revocation;

    public SessionRevokeAllHandler(SessionRevocation revocation) {
        this.revocation = revocation;
    }

    @Override
    public String path() {
        return "session/revoke_all";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.emptyBody();
        revocation.revokeAllButCurrent(request.tenant(), request.session().orElseThrow(), request.user(),
                request.hookContext());
        request.writeResult(Map.of());
    }
}
