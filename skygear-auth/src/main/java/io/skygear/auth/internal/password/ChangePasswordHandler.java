package io.skygear.auth.internal.password;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /_auth/change_password} (K+U): {@code password}, {@code old_password} → AuthResponse
 * {@code {user, identity, access_token, session_id}} with the session's new access token.
 */
public final class ChangePasswordHandler implements AuthHandler {

    /** The request body; both passwords non-empty. */
    record Body(String password, String oldPassword) {

        @Override
        public String toString() {
            return "Body[passwords redacted]";
        }
    }

    private final ChangePasswordService service;

    public ChangePasswordHandler(ChangePasswordService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "change_password";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        List<ValidationCause> causes = new ArrayList<>();
        if (body.oldPassword().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/old_password"));
        }
        if (body.password().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/password"));
        }
        BodyCauses.throwIfAny(causes);
        request.writeAuthResponse(service.changePassword(request.tenant(), request.session().orElseThrow(),
                body.oldPassword(), body.password(), request.hookContext(), request.auditOrigin()));
    }
}
