package io.skygear.auth.internal.mfa;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Map;

/** The MFA errors of the reference's catalogue (§1). */
public final class MfaErrors {

    private MfaErrors() {
    }

    /** 401 {@code InvalidMFACode}: no authenticator accepts the TOTP or OOB code. */
    public static SkygearException invalidCode() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "InvalidMFACode", "invalid MFA code");
    }

    /** 401 {@code InvalidRecoveryCode}: unknown or used recovery code. */
    public static SkygearException invalidRecoveryCode() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "InvalidRecoveryCode", "invalid recovery code");
    }

    /** 401 {@code InvalidMFABearerToken}: unknown or expired bearer token. */
    public static SkygearException invalidBearerToken() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "InvalidMFABearerToken", "invalid bearer token");
    }

    /** 404 {@code AuthenticatorNotFound}: not this user's, or no such authenticator. */
    public static SkygearException authenticatorNotFound() {
        return new SkygearException(ErrorName.NOT_FOUND, "AuthenticatorNotFound", "authenticator not found");
    }

    /** 409 {@code AuthenticatorAlreadyExists}: the same OOB channel and target is already activated. */
    public static SkygearException authenticatorAlreadyExists() {
        return new SkygearException(ErrorName.ALREADY_EXISTS, "AuthenticatorAlreadyExists",
                "authenticator already exists");
    }

    /** 400 {@code InvalidMFARequest} cause {@code TooManyAuthenticator}. */
    public static SkygearException tooManyAuthenticator() {
        return invalidRequest("TooManyAuthenticator", "no more authenticator can be added");
    }

    /** 400 {@code InvalidMFARequest} cause {@code IncorrectCode}: activation with a wrong code. */
    public static SkygearException incorrectCode() {
        return invalidRequest("IncorrectCode", "incorrect code");
    }

    /** 400 {@code InvalidMFARequest} cause {@code AuthenticatorRequired}: which OOB authenticator? */
    public static SkygearException authenticatorRequired() {
        return invalidRequest("AuthenticatorRequired", "authenticator_id is required");
    }

    private static SkygearException invalidRequest(String kind, String message) {
        return new SkygearException(ErrorName.INVALID, "InvalidMFARequest", message,
                Map.of("cause", Map.of("kind", kind)));
    }
}
