package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Optional;

/** {@code POST /_auth/mfa/totp/activate} (K+S?, setup): confirms the new TOTP with a code; recovery codes. */
public final class TotpActivateHandler extends CodeStepHandler<TotpActivateHandler.Body> {

    record Body(String otp, Optional<String> authnSessionToken) implements CodeBody {

        @Override
        public String code() {
            return otp;
        }

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    public TotpActivateHandler(MfaService service) {
        super(service, "mfa/totp/activate", Body.class, "/otp", true);
    }

    @Override
    void respond(AuthRequest request, MfaCaller caller, Body body) throws Exception {
        request.writeResult(service.activateTotp(request.tenant(), caller, body.otp(),
                request.accessEvent().remote().ip()));
    }
}
