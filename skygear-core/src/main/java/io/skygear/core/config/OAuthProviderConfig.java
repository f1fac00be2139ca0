package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/**
 * One OAuth provider ({@code user_config.sso.oauth.providers[]}).
 *
 * @param id     unique among providers; defaults to the type's wire value
 * @param scope  defaults to {@link OAuthProviderType#defaultScope()}
 * @param tenant Azure AD tenant (required for {@code azureadv2})
 * @param keyId  Sign in with Apple key id (required for {@code apple}; {@code client_secret} is the key)
 * @param teamId Sign in with Apple team id (required for {@code apple})
 * @param issuer OpenID Connect issuer URL, discovered via {@code .well-known} (required for {@code oidc})
 */
public record OAuthProviderConfig(
        String id,
        OAuthProviderType type,
        String clientId,
        String clientSecret,
        String scope,
        String tenant,
        String keyId,
        String teamId,
        String issuer) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "clientId", "clientSecret");
    }
}
