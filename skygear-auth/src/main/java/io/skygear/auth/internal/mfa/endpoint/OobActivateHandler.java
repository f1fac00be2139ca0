package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/** {@code POST /_auth/mfa/oob/activate} (K+S?, setup): confirms the new OOB with its code; recovery codes. */
public final class OobActivateHandler implements AuthHandler {

    record Body(String code, Optional<String> authnSessionToken) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final MfaService service;

    public OobActivateHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/oob/activate";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaEndpoints.requireNotEmpty(body.code(), "/code");
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), true);
        request.writeResult(service.activateOob(request.tenant(), caller, body.code(),
                request.accessEvent().remote().ip()));
    }
}
