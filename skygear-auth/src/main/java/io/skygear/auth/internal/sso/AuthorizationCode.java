package io.skygear.auth.internal.sso;

import io.skygear.auth.hook.SessionCreateEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * The Skygear authorization code that {@code auth_handler} hands to the client and
 * {@code auth_result} redeems, once, with the PKCE verifier (a signed JWT, see {@link SsoTokens}).
 *
 * @param id          the JWT id, recorded when the code is used so that it cannot be used again
 * @param principalId the identity logged in with or linked
 * @param reason      {@code signup} when the callback created the user, else {@code login}
 * @param expiresAt   when the code stops being accepted
 */
public record AuthorizationCode(String id, SsoAction action, String codeChallenge, String userId, String principalId,
                                SessionCreateEvent.Reason reason, Instant expiresAt) {

    public AuthorizationCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(principalId, "principalId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
