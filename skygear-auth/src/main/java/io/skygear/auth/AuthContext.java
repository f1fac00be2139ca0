package io.skygear.auth;

import io.skygear.core.http.AccessKey;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling: the key the request presented and, when it carried a valid access token, the user,
 * session and identity behind it. Put on every request by {@link AccessTokenFilter}; read it with
 * {@link #of(ServletRequest)} in any servlet of the host app.
 *
 * <pre>{@code
 * AuthContext caller = AuthContext.of(request);
 * if (!caller.isAuthenticated()) { response.sendError(401); return; }
 * String userId = caller.userId().orElseThrow();
 * }</pre>
 *
 * @param accessKey the key in effect: the master key, the API key of a client, or none. With a valid
 *                  access token and no master key this is the session's client, as in the original
 * @param clientId  the client of the session, or of the API key when there is no session
 * @param userId    the user of the session
 * @param sessionId the session the access token belongs to
 * @param identity  the identity (principal) the session was created with
 */
public record AuthContext(
        AccessKey accessKey,
        Optional<String> clientId,
        Optional<String> userId,
        Optional<String> sessionId,
        Optional<Identity> identity) {

    /** The request attribute holding the {@code AuthContext}. */
    public static final String ATTRIBUTE = AuthContext.class.getName();

    /**
     * The identity a session was created with.
     *
     * @param id   the principal id
     * @param type {@code password}, {@code oauth} or {@code custom_token}
     */
    public record Identity(String id, String type) {

        public Identity {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
        }
    }

    public AuthContext {
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(identity, "identity");
        if (userId.isPresent() != sessionId.isPresent() || userId.isPresent() != identity.isPresent()) {
            throw new IllegalArgumentException("user, session and identity go together");
        }
    }

    /** A caller without session: only the key it presented. */
    public static AuthContext anonymous(AccessKey accessKey) {
        return new AuthContext(accessKey, accessKey.clientId(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The caller of this request: what {@link AccessTokenFilter} published, else anonymous with the
     * request's {@link AccessKey}.
     */
    public static AuthContext of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof AuthContext context
                ? context
                : anonymous(AccessKey.of(request));
    }

    /** Whether the request carried a valid access token. */
    public boolean isAuthenticated() {
        return userId.isPresent();
    }
}
