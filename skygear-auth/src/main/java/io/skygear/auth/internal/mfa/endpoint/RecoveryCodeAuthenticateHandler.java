package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/** {@code POST /_auth/mfa/recovery_code/authenticate} (K+S?): the MFA step with a recovery code. */
public final class RecoveryCodeAuthenticateHandler extends CodeStepHandler<RecoveryCodeAuthenticateHandler.Body> {

    record Body(String code, Optional<String> authnSessionToken) implements CodeBody {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    public RecoveryCodeAuthenticateHandler(MfaService service) {
        super(service, "mfa/recovery_code/authenticate", Body.class, "/code", false);
    }

    @Override
    void respond(AuthRequest request, MfaCaller caller, Body body) throws Exception {
        request.writeAuthResponse(service.authenticateRecoveryCode(request.tenant(), caller, body.code(),
                MfaEndpoints.completion(request)));
    }
}
