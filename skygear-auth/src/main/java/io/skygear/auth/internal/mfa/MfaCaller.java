package io.skygear.auth.internal.mfa;

import io.skygear.auth.internal.authn.AuthenticationSession;
import io.skygear.auth.internal.session.Session;
import java.util.Objects;
import java.util.Optional;

/**
 * Whom an MFA call acts for (§3.8): the user of the caller's session, or of the authentication session
 * whose token came in {@code authn_session_token}. Exactly one of the two is present.
 */
public record MfaCaller(String userId, Optional<Session> session, Optional<AuthenticationSession> authenticationSession) {

    public MfaCaller {
        Objects.requireNonNull(userId, "userId");
        if (session.isPresent() == authenticationSession.isPresent()) {
            throw new IllegalArgumentException("a session or an authentication session, not both");
        }
    }

    public static MfaCaller of(Session session) {
        return new MfaCaller(session.userId(), Optional.of(session), Optional.empty());
    }

    public static MfaCaller of(AuthenticationSession authn) {
        return new MfaCaller(authn.userId(), Optional.empty(), Optional.of(authn));
    }
}
