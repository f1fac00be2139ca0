package io.skygear.auth.internal.admin;

import io.skygear.auth.internal.http.AnyOf;
import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireMasterKey;
import io.skygear.auth.internal.http.RequireValidUser;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.http.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /_auth/update_metadata} (M, or K+U): {@code metadata} (an object, replacing the whole
 * metadata) and, with the master key only, {@code user_id} → {@code {user}}.
 */
public final class UpdateMetadataHandler implements AuthHandler {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    /** The request body. */
    record Body(ObjectNode metadata, Optional<String> userId) {
    }

    private final UpdateMetadataService service;

    public UpdateMetadataHandler(UpdateMetadataService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "update_metadata";
    }

    @Override
    public AuthzPolicy authz() {
        return new AnyOf(RequireMasterKey.INSTANCE, AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireValidUser.INSTANCE));
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        String userId;
        if (request.accessKey().isMasterKey()) {
            userId = body.userId().filter(id -> !id.isEmpty()).orElseThrow(() -> SkygearException.validationFailed(
                    "invalid request body", List.of(new ValidationCause("Required", "/user_id", "user_id is required"))));
        } else {
            if (body.userId().filter(id -> !id.isEmpty()).isPresent()) {
                throw SkygearException.of(ErrorName.FORBIDDEN, "must not specify user_id");
            }
            userId = request.session().orElseThrow().userId();
        }
        Map<String, Object> metadata = Json.mapper().convertValue(body.metadata(), OBJECT);
        request.writeResult(Map.of("user",
                service.updateMetadata(request.tenant(), userId, metadata, request.hookContext()).toApiModel()));
    }
}
