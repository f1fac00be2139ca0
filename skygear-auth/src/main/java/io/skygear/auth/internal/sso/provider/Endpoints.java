package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.net.URI;
import java.util.Optional;

/**
 * Where a provider is reached. Each endpoint configured on the provider ({@code authorization_endpoint},
 * {@code token_endpoint}, {@code userinfo_endpoint}, {@code jwks_uri}) replaces the built-in or
 * discovered one.
 */
record Endpoints(URI authorization, URI token, Optional<URI> userinfo, Optional<URI> jwks) {

    Endpoints overriddenBy(OAuthProviderConfig config) {
        return new Endpoints(
                pick(config.authorizationEndpoint()).orElse(authorization),
                pick(config.tokenEndpoint()).orElse(token),
                pick(config.userinfoEndpoint()).or(() -> userinfo),
                pick(config.jwksUri()).or(() -> jwks));
    }

    static Endpoints of(String authorization, String token, String userinfo) {
        return new Endpoints(URI.create(authorization), URI.create(token), Optional.of(URI.create(userinfo)),
                Optional.empty());
    }

    private static Optional<URI> pick(String configured) {
        return configured == null || configured.isEmpty() ? Optional.empty() : Optional.of(URI.create(configured));
    }
}
