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
 * @param issuer OpenID Connect issuer URL, discovered via {@code .well-known} (required for {@code oidc};
 *               overrides the built-in issuer of {@code azureadv2} and {@code apple})
 * @param authorizationEndpoint overrides the provider's authorization endpoint (e.g. a proxy or a test
 *               server); empty = the provider's own, or the one discovered from the issuer
 * @param tokenEndpoint    overrides the token endpoint
 * @param userinfoEndpoint overrides the user-info endpoint
 * @param jwksUri          overrides where the keys that sign ID tokens are published
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
        String issuer,
        String authorizationEndpoint,
        String tokenEndpoint,
        String userinfoEndpoint,
        String jwksUri) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "clientId", "clientSecret");
    }
}
