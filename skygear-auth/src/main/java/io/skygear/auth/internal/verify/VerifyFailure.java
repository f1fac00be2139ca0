package io.skygear.auth.internal.verify;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Map;

/** 400 {@code Invalid/UserVerificationFailed} with {@code info.cause.kind}, the original's verification errors. */
final class VerifyFailure {

    static final String REASON = "UserVerificationFailed";

    private VerifyFailure() {
    }

    static SkygearException invalidCode() {
        return of("InvalidCode", "invalid verification code");
    }

    static SkygearException usedCode() {
        return of("UsedCode", "verification code is used");
    }

    static SkygearException expiredCode() {
        return of("ExpiredCode", "verification code has expired");
    }

    private static SkygearException of(String kind, String message) {
        return new SkygearException(ErrorName.INVALID, REASON, message, Map.of("cause", Map.of("kind", kind)));
    }
}
