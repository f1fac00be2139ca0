package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import java.util.Optional;

/**
 * {@code POST /_auth/sso/{provider}/login} (K): logs in with an access token the client obtained from
 * the provider itself (when {@code external_access_token_flow_enabled}); the allow-flags of
 * {@code on_user_duplicate} apply here too.
 */
public final class AccessTokenLoginHandler implements AuthHandler {

    record Body(String accessToken, Optional<String> onUserDuplicate) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final SsoService service;

    public AccessTokenLoginHandler(SsoService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "sso/" + AuthServlet.PROVIDER_SEGMENT + "/login";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        BodyCauses.requireNotEmpty(body.accessToken(), "/access_token");
        request.writeAuthResponse(service.loginWithAccessToken(request.tenant(), request.pathParameter(),
                body.accessToken(), body.onUserDuplicate(), request.sessionClient(), request.accessEvent(),
                request.hookContext(), request.auditOrigin()));
    }
}
