package io.skygear.auth.internal.mfa.endpoint;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyInvalidSession;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.auth.internal.mfa.MfaCaller;
import io.skygear.auth.internal.mfa.MfaService;
import io.skygear.core.config.ClientConfig;
import java.util.Optional;

/** What the MFA endpoints share: their authz policies and the caller's resolution. */
final class MfaEndpoints {

    /** K+S?: a key, and a valid access token if one came (else {@code authn_session_token}). */
    static final AuthzPolicy KEY_AND_OPTIONAL_SESSION = AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE,
            DenyInvalidSession.INSTANCE);
    /** K+U: a key and a logged-in, enabled user. */
    static final AuthzPolicy KEY_AND_USER = AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);

    private MfaEndpoints() {
    }

    /** The caller: the session's user, else the authentication session's ({@code setup}: none activated yet). */
    static MfaCaller caller(MfaService service, AuthRequest request, Optional<String> authnToken, boolean setup) {
        return service.resolve(request.tenant(), request.session(), authnToken, request.caller().clientId(), setup);
    }

    /** Where a completed step goes: the session's client on a session, else the API key's client. */
    static MfaService.Completion completion(AuthRequest request) {
        ClientConfig client = request.session().isPresent()
                ? request.client().orElseThrow(AuthzPolicy::notAuthenticated)
                : request.sessionClient();
        return new MfaService.Completion(client, request.accessEvent(), request.hookContext());
    }
}
