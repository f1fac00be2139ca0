package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/**
 * {@code POST /_auth/mfa/oob/authenticate} (K+S?): the MFA step with a code sent by SMS or e-mail →
 * AuthResponse (+ {@code mfa_bearer_token} when {@code request_bearer_token}).
 */
public final class OobAuthenticateHandler implements AuthHandler {

    record Body(String code, Optional<Boolean> requestBearerToken, Optional<String> authnSessionToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final MfaService service;

    public OobAuthenticateHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/oob/authenticate";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaEndpoints.requireNotEmpty(body.code(), "/code");
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), false);
        request.writeAuthResponse(service.authenticateOob(request.tenant(), caller, body.code(),
                body.requestBearerToken().orElse(false), MfaEndpoints.completion(request)));
    }
}
