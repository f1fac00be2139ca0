package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/** {@code POST /_auth/mfa/oob/activate} (K+S?, setup): confirms the new OOB with its code; recovery codes. */
public final class OobActivateHandler extends CodeStepHandler<OobActivateHandler.Body> {

    record Body(String code, Optional<String> authnSessionToken) implements CodeBody {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    public OobActivateHandler(MfaService service) {
        super(service, "mfa/oob/activate", Body.class, "/code", true);
    }

    @Override
    void respond(AuthRequest request, MfaCaller caller, Body body) throws Exception {
        request.writeResult(service.activateOob(request.tenant(), caller, body.code(),
                request.accessEvent().remote().ip()));
    }
}
