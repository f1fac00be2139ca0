package io.skygear.auth.internal.me;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.auth.internal.principal.PrincipalStore;

/** {@code POST /_auth/me} (K+U): {@code {user, identity}}, the identity being the current session's. */
public final class MeHandler implements AuthHandler {

    @Override
    public String path() {
        return "me";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.emptyBody();
        String principalId = request.session().orElseThrow().principalId();
        PrincipalStore principals = new PrincipalStore(request.database().tenant(request.tenant().appId()));
        request.writeResult(AuthResponse.of(request.user(), principals.find(principalId)).toApiModel());
    }
}
