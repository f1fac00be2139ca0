package io.skygear.auth.internal.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The MFA authenticator that completed a session's login (§5.4): the session's ACR-like facts.
 *
 * @param type {@code totp}, {@code oob}, {@code recovery_code} or {@code bearer_token}
 * @param oobChannel {@code sms} or {@code email} for OOB authenticators
 */
public record SessionAuthenticator(String id, String type, Optional<String> oobChannel, Instant updatedAt) {

    public SessionAuthenticator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(oobChannel, "oobChannel");
        updatedAt = Timestamps.micros(Objects.requireNonNull(updatedAt, "updatedAt"));
    }
}
