package io.skygear.auth.internal.admin;

import io.skygear.auth.internal.http.AuthHandler;
import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.http.DenyNoAccessKey;
import io.skygear.auth.internal.http.RequireMasterKey;
import io.skygear.core.error.ValidationCause;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /_auth/disable/set} (K+M): {@code user_id}, {@code disabled}, optional {@code message} and
 * {@code expiry} (RFC 3339) → {@code {}}.
 */
public final class DisableSetHandler implements AuthHandler {

    /** The request body. */
    record Body(String userId, boolean disabled, Optional<String> message, Optional<String> expiry) {
    }

    private final DisableService service;

    public DisableSetHandler(DisableService service) {
        this.service = service;
    }

    @Override
    public String path() {
        return "disable/set";
    }

    @Override
    public AuthzPolicy authz() {
        return AuthzPolicy.allOf(DenyNoAccessKey.INSTANCE, RequireMasterKey.INSTANCE);
    }

    @Override
    public void handle(AuthRequest request) throws Exception {
        Body body = request.body(Body.class);
        List<ValidationCause> causes = new ArrayList<>();
        if (body.userId().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/user_id"));
        }
        if (body.message().filter(String::isEmpty).isPresent()) {
            causes.add(BodyCauses.notEmpty("/message"));
        }
        Optional<Instant> expiry = body.expiry().flatMap(Rfc3339::parse);
        if (body.expiry().isPresent() && expiry.isEmpty()) {
            causes.add(new ValidationCause("StringFormat", "/expiry", "Does not match format 'date-time'",
                    Map.of("format", "date-time")));
        }
        BodyCauses.throwIfAny(causes);
        service.setDisabled(request.tenant(), body.userId(), body.disabled(), body.message(), expiry,
                request.hookContext(), request.auditOrigin());
        request.writeResult(Map.of());
    }
}
