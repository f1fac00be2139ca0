package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import java.util.Map;

/**
 * {@code POST /_auth/sso/auth_result} (K): redeems the authorization code with its PKCE verifier; a
 * login answers the AuthResponse of a new session, a link {@code {user}}.
 */
public final class AuthResultHandler implements AuthHandler {

    record Body(String authorizationCode, String codeVerifier) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final SsoService service;

    public AuthResultHandler(SsoService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "sso/auth_result";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        switch (service.result(request.tenant(), body.authorizationCode(), body.codeVerifier(),
                request.sessionClient(), request.accessEvent(), request.hookContext(), request.auditOrigin())) {
            case SsoService.LoggedIn in -> request.writeAuthResponse(in.response());
            case SsoService.Linked linked -> request.writeResult(Map.of("user", linked.user().toApiModel()));
        }
    }
}
