package io.skygear.auth.internal.http;

import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.user.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AuthResponse object (§3.1): {@code {user, identity?, access_token?, refresh_token?, session_id?}},
 * empty fields left out. Write it with {@link AuthRequest#writeAuthResponse}, which moves the access
 * token into the cookie for cookie-transport clients.
 */
public record AuthResponse(User user, Optional<Identity> identity, Optional<String> accessToken,
                           Optional<String> refreshToken, Optional<String> sessionId) {

    public AuthResponse {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A new session's response: user, identity, tokens and session id. */
    public static AuthResponse withSession(User user, Identity identity, String accessToken,
                                           Optional<String> refreshToken, String sessionId) {
        return new AuthResponse(user, Optional.of(identity), Optional.of(accessToken), refreshToken,
                Optional.of(sessionId));
    }

    /** Without tokens: {@code {user, identity?}}. */
    public static AuthResponse of(User user, Optional<Identity> identity) {
        return new AuthResponse(user, identity, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same response without the access token (it travels in the cookie instead). */
    public AuthResponse withoutAccessToken() {
        return new AuthResponse(user, identity, Optional.empty(), refreshToken, sessionId);
    }

    public Map<String, Object> toApiModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("user", user.toApiModel());
        identity.ifPresent(i -> model.put("identity", i.toApiModel()));
        accessToken.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("access_token", t));
        refreshToken.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("refresh_token", t));
        sessionId.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("session_id", t));
        return model;
    }
}
