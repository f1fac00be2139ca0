package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import java.util.Map;

/** {@code POST /_auth/sso/{provider}/link} (K+U): links the provider user of an access token to the caller; {@code {user}}. */
public final class AccessTokenLinkHandler implements AuthHandler {

    record Body(String accessToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final SsoService service;

    public AccessTokenLinkHandler(SsoService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "sso/" + AuthServlet.PROVIDER_SEGMENT + "/link";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        BodyCauses.requireNotEmpty(body.accessToken(), "/access_token");
        request.writeResult(Map.of("user", service.linkWithAccessToken(request.tenant(), request.pathParameter(),
                body.accessToken(), request.user().id(), request.hookContext()).toApiModel()));
    }
}
