package io.skygear.auth.internal.session;

import java.util.Objects;
import java.util.Optional;

/**
 * A session just created, with its tokens in clear: the only time they exist outside the client.
 *
 * @param refreshToken empty when the client has refresh tokens disabled
 */
public record IssuedSession(Session session, String accessToken, Optional<String> refreshToken) {

    public IssuedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    @Override
    public String toString() {
        return "IssuedSession[session=" + session.id() + ", tokens redacted]";
    }
}
