package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Map;
import java.util.Optional;

/** {@code POST /_auth/mfa/oob/trigger} (K+S?): sends a code to an OOB authenticator of the caller. */
public final class OobTriggerHandler implements AuthHandler {

    record Body(Optional<String> authenticatorId, Optional<String> authnSessionToken) {
    }

    private final MfaService service;

    public OobTriggerHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/oob/trigger";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_OPTIONAL_SESSION;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        MfaCaller caller = MfaEndpoints.caller(service, request, body.authnSessionToken(), false);
        service.triggerOob(request.tenant(), caller, body.authenticatorId().filter(id -> !id.isEmpty()),
                request.accessEvent().remote().ip());
        request.writeResult(Map.of());
    }
}
