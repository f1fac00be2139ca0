package io.skygear.auth.internal.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a new session is opened for: the user, the identity that proved it, the client (never the
 * master key: deviation 4), the request's access event and, after MFA, the authenticator.
 */
public record SessionCreation(
        String userId,
        String principalId,
        String principalType,
        Instant principalUpdatedAt,
        String clientId,
        AccessEvent accessEvent,
        Optional<SessionAuthenticator> authenticator) {

    public SessionCreation {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(principalType, "principalType");
        Objects.requireNonNull(principalUpdatedAt, "principalUpdatedAt");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(accessEvent, "accessEvent");
        Objects.requireNonNull(authenticator, "authenticator");
    }

    /** A session without MFA authenticator. */
    public SessionCreation(String userId, String principalId, String principalType, Instant principalUpdatedAt,
            String clientId, AccessEvent accessEvent) {
        this(userId, principalId, principalType, principalUpdatedAt, clientId, accessEvent, Optional.empty());
    }

    /** The same creation, completed by {@code authenticator}. */
    public SessionCreation withAuthenticator(SessionAuthenticator authenticator) {
        return new SessionCreation(userId, principalId, principalType, principalUpdatedAt, clientId, accessEvent,
                Optional.of(authenticator));
    }
}
