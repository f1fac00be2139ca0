package io.skygear.auth.internal.password;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireMasterKey;
import java.util.Map;

/** {@code POST /_auth/reset_password} (K+M): {@code user_id}, {@code password} → {@code {}}. */
public final class ResetPasswordHandler implements AuthHandler {

    /** The request body; both required, as strings (the original's schema set no minimum length). */
    record Body(String userId, String password) {

        @Override
        public String toString() {
            return "Body[userId=" + userId + ", password redacted]";
        }
    }

    private final ResetPasswordService service;

    public ResetPasswordHandler(ResetPasswordService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "reset_password";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireMasterKey.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        service.resetPassword(request.tenant(), body.userId(), body.password(), request.hookContext(),
                request.auditOrigin());
        request.writeResult(Map.of());
    }
}
