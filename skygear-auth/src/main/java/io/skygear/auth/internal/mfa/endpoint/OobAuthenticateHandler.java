package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/**
 * {@code POST /_auth/mfa/oob/authenticate} (K+S?): the MFA step with a code sent by SMS or e-mail →
 * AuthResponse (+ {@code mfa_bearer_token} when {@code request_bearer_token}).
 */
public final class OobAuthenticateHandler extends CodeStepHandler<OobAuthenticateHandler.Body> {

    record Body(String code, Optional<Boolean> requestBearerToken, Optional<String> authnSessionToken) implements CodeBody {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    public OobAuthenticateHandler(MfaService service) {
        super(service, "mfa/oob/authenticate", Body.class, "/code", false);
    }

    @Override
    void respond(AuthRequest request, MfaCaller caller, Body body) throws Exception {
        request.writeAuthResponse(service.authenticateOob(request.tenant(), caller, body.code(),
                body.requestBearerToken().orElse(false), MfaEndpoints.completion(request)));
    }
}
