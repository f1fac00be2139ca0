package io.skygear.auth.internal.customtoken;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import java.util.Optional;

/** {@code POST /_auth/sso/custom_token/login} (K): {@code token} (JWT), {@code on_user_duplicate?} → AuthResponse. */
public final class CustomTokenLoginHandler implements AuthHandler {

    record Body(String token, Optional<String> onUserDuplicate) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final CustomTokenLoginService service;

    public CustomTokenLoginHandler(CustomTokenLoginService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "sso/custom_token/login";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        BodyCauses.requireNotEmpty(body.token(), "/token");
        request.writeAuthResponse(service.login(request.tenant(), body.token(), body.onUserDuplicate(),
                request.sessionClient(), request.accessEvent(), request.hookContext(), request.auditOrigin()));
    }
}
