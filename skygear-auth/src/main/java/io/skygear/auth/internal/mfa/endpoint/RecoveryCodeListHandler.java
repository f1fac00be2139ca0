package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Map;

/** {@code POST /_auth/mfa/recovery_code/list} (K+U): the unused codes, if the tenant enables listing. */
public final class RecoveryCodeListHandler implements AuthHandler {

    private final MfaService service;

    public RecoveryCodeListHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/recovery_code/list";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_USER;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.emptyBody();
        request.writeResult(Map.of("recovery_codes", service.listRecoveryCodes(request.tenant(), request.user().id())));
    }
}
