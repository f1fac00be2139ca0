package io.skygear.auth.internal.sso;

import java.util.Objects;
import java.util.Optional;

/**
 * What an SSO flow carries from {@code *_auth_url} through the provider and back to
 * {@code auth_handler}: the {@code state} parameter, a signed JWT (see {@link SsoTokens}).
 *
 * @param userId        the user to link to ({@code link} action)
 * @param callbackUrl   where the result goes; on the allow-list when the state was made
 * @param codeChallenge the PKCE S256 challenge the client will answer at {@code auth_result}
 * @param nonceHash     hex SHA-256 of the {@code oidc_nonce} cookie; empty until {@code auth_redirect}
 * @param apiClientId   the client whose API key asked for the flow
 */
public record SsoState(SsoAction action, OnUserDuplicate onUserDuplicate, Optional<String> userId, UxMode uxMode,
                       String callbackUrl, String codeChallenge, String nonceHash, String apiClientId) {

    /** The only realm the original could reach; written into the state as it did. */
    public static final String MERGE_REALM = "default";

    public SsoState {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(onUserDuplicate, "onUserDuplicate");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(uxMode, "uxMode");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        Objects.requireNonNull(nonceHash, "nonceHash");
        Objects.requireNonNull(apiClientId, "apiClientId");
    }

    public SsoState withNonceHash(String hash) {
        return new SsoState(action, onUserDuplicate, userId, uxMode, callbackUrl, codeChallenge, hash, apiClientId);
    }
}
