package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/** {@code POST /_auth/mfa/recovery_code/authenticate} (K+S?): the MFA step with a recovery code. */
public final class RecoveryCodeAuthenticateHandler implements AuthHandler {

    record Body(String code, Optional<String> authnSessionToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final MfaService service;

    public RecoveryCodeAuthenticateHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/recovery_code/authenticate";
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
        request.writeAuthResponse(service.authenticateRecoveryCode(request.tenant(), caller, body.code(),
                MfaEndpoints.completion(request)));
    }
}
