package io.skygear.auth.internal.verify;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.core.config.LoginIdType;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /_auth/verify_request} (K+U): {@code login_id_type} ({@code email}|{@code phone}) and
 * {@code login_id} → {@code {}}; a new code goes out after commit.
 */
public final class VerifyRequestHandler implements AuthHandler {

    static final List<String> TYPES = List.of("email", "phone");

    record Body(String loginIdType, String loginId) {
    }

    private final VerificationService service;

    public VerifyRequestHandler(VerificationService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "verify_request";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        if (!TYPES.contains(body.loginIdType())) {
            BodyCauses.throwIfAny(List.of(BodyCauses.oneOf("/login_id_type", "login_id_type", TYPES)));
        }
        if (body.loginId().isEmpty() || body.loginId().length() > 512) {
            BodyCauses.throwIfAny(List.of(BodyCauses.notEmpty("/login_id")));
        }
        LoginIdType type = "phone".equals(body.loginIdType()) ? LoginIdType.PHONE : LoginIdType.EMAIL;
        service.request(request.tenant(), request.user(), type, body.loginId(), request.accessEvent().remote().ip(),
                request.hookContext(), request.languages());
        request.writeResult(Map.of());
    }
}
