package io.skygear.auth.internal.login;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.error.ValidationCause;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code POST /_auth/login} (K): login ID (and key), password → AuthResponse of a new session. */
public final class LoginHandler implements AuthHandler {

    record Body(String loginId, Optional<String> loginIdKey, String password) {

        @Override
        public String toString() {
            return "Body[redacted]";
        }
    }

    private final LoginService service;

    public LoginHandler(LoginService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "login";
    }

    @Override
    public AuthzPolicy authz() {
        return DenyNoAccessKey.INSTANCE;
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        ClientConfig client = request.sessionClient();
        Body body = request.body(Body.class);
        List<ValidationCause> causes = new ArrayList<>();
        if (body.loginId().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/login_id"));
        }
        if (body.loginIdKey().filter(String::isEmpty).isPresent()) {
            causes.add(BodyCauses.notEmpty("/login_id_key"));
        }
        if (body.password().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/password"));
        }
        BodyCauses.throwIfAny(causes);
        LoginCommand command = new LoginCommand(body.loginIdKey(), body.loginId(), body.password());
        request.writeAuthResponse(service.login(request.tenant(), command, client, request.accessEvent(),
                request.hookContext(), request.auditOrigin()));
    }
}
