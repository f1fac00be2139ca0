package io.skygear.auth.internal.verify;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import java.util.Map;

/** {@code POST /_auth/verify_code} (K+U): {@code {"code"}} → {@code {}}, the caller's latest code checked. */
public final class VerifyCodeHandler implements AuthHandler {

    record Body(String code) {
    }

    private final VerificationService service;

    public VerifyCodeHandler(VerificationService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "verify_code";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        service.verify(request.tenant(), request.user().id(), body.code(), request.hookContext());
        request.writeResult(Map.of());
    }
}
