package io.skygear.auth.internal.forgot;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /_auth/forgot_password/reset_password} (K): {@code user_id, code, expire_at, new_password}
 * → {@code {}}. (The master-key {@code /reset_password} is another endpoint.)
 */
public final class ResetPasswordByCodeHandler implements AuthHandler {

    record Body(String userId, String code, long expireAt, String newPassword) {

        @Override
        public String toString() {
            return "Body[user_id=" + userId + ", secrets redacted]";
        }
    }

    private final ForgotPasswordService service;

    public ResetPasswordByCodeHandler(ForgotPasswordService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "forgot_password/reset_password";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        List<ValidationCause> causes = new ArrayList<>();
        if (body.expireAt() < 1) {
            causes.add(new ValidationCause("NumberRange", "/expire_at", "Must be greater than or equal to 1", Map.of("gte", 1)));
        }
        if (body.newPassword().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/new_password"));
        }
        BodyCauses.throwIfAny(causes);
        service.reset(request.tenant(), body.userId(), body.code(), body.expireAt(), body.newPassword(),
                request.hookContext(), request.auditOrigin());
        request.writeResult(Map.of());
    }
}
