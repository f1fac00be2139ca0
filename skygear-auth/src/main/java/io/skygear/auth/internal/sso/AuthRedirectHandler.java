package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Set;

/**
 * {@code GET /_auth/sso/{provider}/auth_redirect?state=…} (no key: a browser follows it): sets the
 * {@value #NONCE_COOKIE} cookie, binds its hash to the state and redirects to the provider.
 */
public final class AuthRedirectHandler implements AuthHandler {

    public static final String NONCE_COOKIE = "oidc_nonce";

    private final SsoService service;
    private final boolean secureCookie;

    public AuthRedirectHandler(SsoService service, boolean insecureCookie) {
        this.service = service;
        this.secureCookie = !insecureCookie;
    }

    @Override
    public String path() {
        return "sso/" + AuthServlet.PROVIDER_SEGMENT + "/auth_redirect";
    }

    @Override
    public Set<String> methods() {
        return Set.of("GET");
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.NONE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        SsoService.Redirect redirect = service.redirect(request.tenant(), request.pathParameter(),
                request.parameter("state").orElse(""), request.hookContext().baseUri()
                        .orElseThrow(() -> SkygearException.of(ErrorName.BAD_REQUEST, "cannot tell the host of this request")));
        request.setCookie(NONCE_COOKIE, redirect.nonce(), (int) SsoTokens.LIFETIME.toSeconds(), secureCookie);
        request.redirect(redirect.location().toString());
    }
}
