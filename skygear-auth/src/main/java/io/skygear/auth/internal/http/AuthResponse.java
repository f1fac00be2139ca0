package io.skygear.auth.internal.http;

import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.user.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The AuthResponse object (§3.1): {@code {user, identity?, access_token?, refresh_token?,
 * mfa_bearer_token?, session_id?}}, empty fields left out. Write it with
 * {@link AuthRequest#writeAuthResponse}, which moves the access token (and the MFA bearer token) into
 * cookies for cookie-transport clients, and which answers a response that still owes an MFA step
 * ({@link #authenticationSessionToken()}) with the 401 {@code AuthenticationSession} error instead.
 */
public record AuthResponse(User user, Optional<Identity> identity, Optional<String> accessToken,
                           Optional<String> refreshToken, Optional<String> sessionId,
                           Optional<String> mfaBearerToken, Optional<String> authenticationSessionToken) {

    public AuthResponse {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(mfaBearerToken, "mfaBearerToken");
        Objects.requireNonNull(authenticationSessionToken, "authenticationSessionToken");
    }

    /** A response without MFA parts. */
    public AuthResponse(User user, Optional<Identity> identity, Optional<String> accessToken,
                        Optional<String> refreshToken, Optional<String> sessionId) {
        this(user, identity, accessToken, refreshToken, sessionId, Optional.empty(), Optional.empty());
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

    /**
     * The identity is proved but an MFA step is due: written as 401 {@code AuthenticationSession} with
     * {@code info: {token, step: "mfa"}}.
     */
    public static AuthResponse authenticationSessionRequired(User user, Identity identity, String token) {
        return new AuthResponse(user, Optional.of(identity), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(token));
    }

    /** The same response with an MFA bearer token ("trust this device"). */
    public AuthResponse withMfaBearerToken(Optional<String> token) {
        return new AuthResponse(user, identity, accessToken, refreshToken, sessionId, token,
                authenticationSessionToken);
    }

    /** The same response without the access token (it travels in the cookie instead). */
    public AuthResponse withoutAccessToken() {
        return new AuthResponse(user, identity, Optional.empty(), refreshToken, sessionId, mfaBearerToken,
                authenticationSessionToken);
    }

    /** The same response without the MFA bearer token (it travels in its cookie instead). */
    public AuthResponse withoutMfaBearerToken() {
        return withMfaBearerToken(Optional.empty());
    }

    public Map<String, Object> toApiModel() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("user", user.toApiModel());
        identity.ifPresent(i -> model.put("identity", i.toApiModel()));
        accessToken.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("access_token", t));
        refreshToken.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("refresh_token", t));
        mfaBearerToken.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("mfa_bearer_token", t));
        sessionId.filter(t -> !t.isEmpty()).ifPresent(t -> model.put("session_id", t));
        return model;
    }

    @Override
    public String toString() {
        return "AuthResponse[user=" + user.id() + ", sessionId=" + sessionId.orElse("") + "]";
    }
}
