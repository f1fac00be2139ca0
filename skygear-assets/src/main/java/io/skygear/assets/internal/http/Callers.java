package io.skygear.assets.internal.http;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKey;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Function;

/** Who may call an endpoint, with the original's errors. */
final class Callers {

    private Callers() {
    }

    /** @throws SkygearException 401 {@code Unauthorized/AccessKeyNotAccepted} "Master key required" */
    static void requireMasterKey(HttpServletRequest request) {
        if (!AccessKey.of(request).isMasterKey()) {
            throw masterKeyRequired();
        }
    }

    /**
     * The master key, or an API key with a logged-in user. As in the original, a refusal reports the
     * first alternative: "Master key required".
     *
     * @return the user, when the caller is one
     */
    static Optional<String> requireMasterKeyOrUser(HttpServletRequest request,
            Function<HttpServletRequest, Optional<String>> users) {
        AccessKey key = AccessKey.of(request);
        if (key.isMasterKey()) {
            return Optional.empty();
        }
        Optional<String> user = key.isApiKey() ? users.apply(request) : Optional.empty();
        if (user.isEmpty()) {
            throw masterKeyRequired();
        }
        return user;
    }

    private static SkygearException masterKeyRequired() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "AccessKeyNotAccepted", "Master key required");
    }
}
