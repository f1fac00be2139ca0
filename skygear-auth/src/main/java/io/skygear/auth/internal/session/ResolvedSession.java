package io.skygear.auth.internal.session;

import java.util.Objects;

/** A valid access token's session and the state of its user, from {@link SessionService#authenticate}. */
public record ResolvedSession(Session session, UserStatus user) {

    public ResolvedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
    }
}
