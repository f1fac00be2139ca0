package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/**
 * {@code POST /_auth/mfa/totp/authenticate} (K+S?): the MFA step with a TOTP code → AuthResponse
 * (+ {@code mfa_bearer_token} when {@code request_bearer_token}).
 */
public final class TotpAuthenticateHandler extends CodeStepHandler<TotpAuthenticateHandler.Body> {

    record Body(String otp, Optional<Boolean> requestBearerToken, Optional<String> authnSessionToken) implements CodeBody {

        @Override
        public String code() {
            return otp;
        }

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    public TotpAuthenticateHandler(MfaService service) {
        super(service, "mfa/totp/authenticate", Body.class, "/otp", false);
    }

    @Override
    void respond(AuthRequest request, MfaCaller caller, Body body) throws Exception {
        request.writeAuthResponse(service.authenticateTotp(request.tenant(), caller, body.otp(),
                body.requestBearerToken().orElse(false), MfaEndpoints.completion(request)));
    }
}
