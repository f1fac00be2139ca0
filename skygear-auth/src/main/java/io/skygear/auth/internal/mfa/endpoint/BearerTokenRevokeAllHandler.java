package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.mfa.MfaService;
import java.util.Map;

/** {@code POST /_auth/mfa/bearer_token/revoke_all} (K+U): forgets every trusted device of the user. */
public final class BearerTokenRevokeAllHandler implements AuthHandler {

    private final MfaService service;

    public BearerTokenRevokeAllHandler(MfaService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "mfa/bearer_token/revoke_all";
    }

    @Override
    public AuthzPolicy authz() {
        return MfaEndpoints.KEY_AND_USER;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.emptyBody();
        service.revokeAllBearerTokens(request.tenant(), request.user().id());
        request.writeResult(Map.of());
    }
}
