package io.skygear.auth.internal.signup;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.loginid.LoginId;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /_auth/signup} (K): login IDs, password, metadata → AuthResponse of the new session. */
public final class SignupHandler implements AuthHandler {

    static final List<String> ON_USER_DUPLICATE = List.of("abort", "create");

    /**
     * Longest login ID accepted, in characters: e-mail addresses end at 254, and PostgreSQL cannot index
     * values of some kilobytes (the original set no limit).
     */
    static final int MAX_LOGIN_ID_LENGTH = 512;

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** The request body; {@code metadata} defaults to {@code {}}, {@code on_user_duplicate} to {@code abort}. */
    record Body(List<LoginId> loginIds, String password, Optional<ObjectNode> metadata,
                Optional<String> onUserDuplicate) {

        @Override
        public String toString() {
            return "Body[password redacted]";
        }
    }

    private final SignupService service;

    public SignupHandler(SignupService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "signup";
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
        if (body.loginIds().isEmpty()) {
            causes.add(BodyCauses.minItems("/login_ids", 1));
        }
        for (int i = 0; i < body.loginIds().size(); i++) {
            if (body.loginIds().get(i).value().length() > MAX_LOGIN_ID_LENGTH) {
                causes.add(BodyCauses.maxLength("/login_ids/" + i + "/value", MAX_LOGIN_ID_LENGTH));
            }
        }
        if (body.password().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/password"));
        }
        body.onUserDuplicate().filter(mode -> !ON_USER_DUPLICATE.contains(mode))
                .ifPresent(mode -> causes.add(BodyCauses.oneOf("/on_user_duplicate", "on_user_duplicate", ON_USER_DUPLICATE)));
        BodyCauses.throwIfAny(causes);

        Map<String, Object> metadata = body.metadata().map(m -> Json.mapper().convertValue(m, OBJECT)).orElse(Map.of());
        SignupCommand command = new SignupCommand(body.loginIds(), body.password(), metadata,
                body.onUserDuplicate().filter("create"::equals).isPresent());
        request.writeAuthResponse(service.signup(request.tenant(), command, client, request.accessEvent(),
                request.hookContext(), request.auditOrigin()));
    }
}
