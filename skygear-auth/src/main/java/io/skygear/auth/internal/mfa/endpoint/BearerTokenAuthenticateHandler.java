package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaErrors;
import io.skygear.auth.internal.mfa.MfaService;
import io.skygear.core.error.SkygearException;
import java.util.Optional;

/**
 * {@code POST /_auth/mfa/bearer_token/authenticate} (K+S?): the MFA step with a "trusted device" bearer
 * token, from the body or else the {@code mfa_bearer_token} cookie; a refused token also clears the cookie.
 */
public final class BearerTokenAuthenticateHandler implements AuthHandler {

    record Body(Optional<String> bearerToken, Optional<String> authnSessionToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final MfaService service;

    public BearerTokenAuthenticateHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/bearer_token/authenticate";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), false);
        try {
            String token = body.bearerToken().filter(t -> !t.isEmpty()).or(request::mfaBearerTokenCookie)
                    .orElseThrow(MfaErrors::invalidBearerToken);
            request.writeAuthResponse(service.authenticateBearerToken(request.tenant(), caller, token,
                    MfaEndpoints.completion(request)));
        } catch (SkygearException e) {
            if (MfaErrors.invalidBearerToken().reason().equals(e.reason())) {
                request.clearMfaBearerTokenCookie();
            }
            throw e;
        }
    }
}
