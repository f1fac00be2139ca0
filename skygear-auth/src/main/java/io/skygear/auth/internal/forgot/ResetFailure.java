package io.skygear.auth.internal.forgot;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Map;

/** 400 {@code Invalid/PasswordResetFailed} with {@code info.cause.kind}, the original's reset errors. */
final class ResetFailure {

    static final String REASON = "PasswordResetFailed";

    private ResetFailure() {
    }

    static SkygearException invalidCode() {
        return of("InvalidCode", "invalid reset code");
    }

    static SkygearException expiredCode() {
        return of("ExpiredCode", "reset code has expired");
    }

    static SkygearException passwordNotMatched() {
        return of("PasswordNotMatched", "password does not match");
    }

    private static SkygearException of(String kind, String message) {
        return new SkygearException(ErrorName.INVALID, REASON, message, Map.of("cause", Map.of("kind", kind)));
    }
}
