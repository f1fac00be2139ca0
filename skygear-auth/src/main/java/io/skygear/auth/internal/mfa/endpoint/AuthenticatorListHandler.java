package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Map;
import java.util.Optional;

/** {@code POST /_auth/mfa/authenticator/list} (K+S?): the activated authenticators, targets masked. */
public final class AuthenticatorListHandler implements AuthHandler {

    record Body(Optional<String> authnSessionToken) {
    }

    private final MfaService service;

    public AuthenticatorListHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/authenticator/list";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), false);
        request.writeResult(Map.of("authenticators", service.listAuthenticators(request.tenant(), caller.userId())));
    }
}
