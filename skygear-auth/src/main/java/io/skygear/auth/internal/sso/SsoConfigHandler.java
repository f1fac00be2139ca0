package io.skygear.auth.internal.sso;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import java.util.Map;

/** {@code POST /_auth/sso/config} (no key): {@code {"authorized_urls": [allowed callback URLs]}}, for the popup page. */
public final class SsoConfigHandler implements AuthHandler {

    @Override
    public String path() {
        return "sso/config";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.NONE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        request.writeResult(Map.of("authorized_urls",
                request.tenant().config().userConfig().sso().oauth().allowedCallbackUrls()));
    }
}
