package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Map;

/** {@code POST /_auth/mfa/authenticator/delete} (K+U): deletes one of the user's TOTP/OOB authenticators. */
public final class AuthenticatorDeleteHandler implements AuthHandler {

    record Body(String authenticatorId) {
    }

    private final MfaService service;

    public AuthenticatorDeleteHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/authenticator/delete";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_USER;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        BodyCauses.requireNotEmpty(body.authenticatorId(), "/authenticator_id");
        service.deleteAuthenticator(request.tenant(), request.user().id(), body.authenticatorId());
        request.writeResult(Map.of());
    }
}
