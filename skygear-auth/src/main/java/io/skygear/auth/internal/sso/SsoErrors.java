package io.skygear.auth.internal.sso;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Map;

/** The errors of the SSO endpoints (§3.7), worded as in the original. */
public final class SsoErrors {

    public static final String SSO_FAILED = "SSOFailed";

    /** Why an SSO step failed: {@code info.cause.kind} of a {@code SSOFailed} error. */
    public enum Cause {
        Unauthorized, NetworkFailed, InvalidParams, AlreadyLinked, InvalidCodeVerifier
    }

    private SsoErrors() {
    }

    /** 401 {@code Unauthorized/SSOFailed} with {@code info.cause.kind}. */
    public static SkygearException failed(Cause cause, String message) {
        return new SkygearException(ErrorName.UNAUTHORIZED, SSO_FAILED, message, Map.of("cause", Map.of("kind", cause.name())));
    }

    /** 401 {@code SSOFailed} {@code InvalidParams} "invalid sso state". */
    public static SkygearException invalidState() {
        return failed(Cause.InvalidParams, "invalid sso state");
    }

    /** 404 {@code NotFound} "unknown provider". */
    public static SkygearException unknownProvider() {
        return SkygearException.of(ErrorName.NOT_FOUND, "unknown provider");
    }
}
