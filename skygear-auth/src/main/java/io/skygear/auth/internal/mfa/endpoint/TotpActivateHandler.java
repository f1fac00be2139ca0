package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/** {@code POST /_auth/mfa/totp/activate} (K+S?, setup): confirms the new TOTP with a code; recovery codes. */
public final class TotpActivateHandler implements AuthHandler {

    record Body(String otp, Optional<String> authnSessionToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final MfaService service;

    public TotpActivateHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/totp/activate";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaEndpoints.requireNotEmpty(body.otp(), "/otp");
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), true);
        request.writeResult(service.activateTotp(request.tenant(), caller, body.otp(),
                request.accessEvent().remote().ip()));
    }
}
