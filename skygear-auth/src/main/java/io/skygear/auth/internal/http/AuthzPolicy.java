package io.skygear.auth.internal.http;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.List;

/**
 * Who may call an endpoint (§2). A policy throws the error the caller gets, or returns to let the request
 * through; {@link AuthServlet} adds {@code x-skygear-try-refresh-token: true} to a
 * {@code NotAuthenticated} refusal.
 */
@FunctionalInterface
public interface AuthzPolicy {

    String NOT_AUTHENTICATED = "NotAuthenticated";
    String ACCESS_KEY_NOT_ACCEPTED = "AccessKeyNotAccepted";

    /** Everybody, key or not. */
    AuthzPolicy NONE = request -> { };

    /** @throws SkygearException when the caller may not proceed */
    void check(AuthRequest request);

    /** Every policy in order; the first refusal wins (e.g. "K+U" = key, then valid user). */
    static AuthzPolicy allOf(AuthzPolicy... policies) {
        List<AuthzPolicy> all = List.of(policies);
        return request -> all.forEach(policy -> policy.check(request));
    }

    /** 401 {@code Unauthorized/NotAuthenticated} "authentication required". */
    static SkygearException notAuthenticated() {
        return new SkygearException(ErrorName.UNAUTHORIZED, NOT_AUTHENTICATED, "authentication required");
    }

    /** 401 {@code Unauthorized/AccessKeyNotAccepted} with {@code message}. */
    static SkygearException accessKeyNotAccepted(String message) {
        return new SkygearException(ErrorName.UNAUTHORIZED, ACCESS_KEY_NOT_ACCEPTED, message);
    }
}
