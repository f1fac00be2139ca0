package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyInvalidSession;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.session.Session;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Optional;

/**
 * {@code POST /_auth/sso/{provider}/login_auth_url} and {@code …/link_auth_url} (K, a token optional but
 * valid, not disabled): the URL that starts the flow, {@code …/auth_redirect?state=<JWT>}.
 */
public final class AuthUrlHandler implements AuthHandler {

    record Body(String callbackUrl, String uxMode, String codeChallenge, Optional<String> onUserDuplicate) {
    }

    private final SsoService service;
    private final SsoAction action;

    public AuthUrlHandler(SsoService service, SsoAction action) {
        this.service = service;
        this.action = action;
    }

    @Override
    public String path() {
        return "sso/" + AuthServlet.PROVIDER_SEGMENT + "/" + action.wireName() + "_auth_url";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, DenyInvalidSession.INSTANCE, NotDisabledIfAuthenticated.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        SsoService.AuthUrlCommand command = new SsoService.AuthUrlCommand(request.pathParameter(), action,
                body.callbackUrl(), body.uxMode(), body.codeChallenge(), body.onUserDuplicate(),
                request.accessKey().clientId().orElse(""), request.session().map(Session::userId));
        request.writeResult(service.authUrl(request.tenant(), command, request.hookContext().baseUri()
                .orElseThrow(() -> SkygearException.of(ErrorName.BAD_REQUEST, "cannot tell the host of this request"))));
    }
}
