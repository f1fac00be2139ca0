package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/**
 * {@code POST /_auth/mfa/totp/authenticate} (K+S?): the MFA step with a TOTP code → AuthResponse
 * (+ {@code mfa_bearer_token} when {@code request_bearer_token}).
 */
public final class TotpAuthenticateHandler implements AuthHandler {

    record Body(String otp, Optional<Boolean> requestBearerToken, Optional<String> authnSessionToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final MfaService service;

    public TotpAuthenticateHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/totp/authenticate";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaEndpoints.requireNotEmpty(body.otp(), "/otp");
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), false);
        request.writeAuthResponse(service.authenticateTotp(request.tenant(), caller, body.otp(),
                body.requestBearerToken().orElse(false), MfaEndpoints.completion(request)));
    }
}
