package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Google: OAuth 2 with the v1 user-info document ({@code id}, {@code email}); always asks which account. */
final class GoogleProvider extends OAuth2Provider {

    private static final Endpoints ENDPOINTS = Endpoints.of(
            "https://accounts.google.com/o/oauth2/v2/auth",
            "https://www.googleapis.com/oauth2/v4/token",
            "https://www.googleapis.com/oauth2/v1/userinfo");

    GoogleProvider(OAuthProviderConfig config, ProviderHttp http) {
        super(config, http);
    }

    @Override
    protected Endpoints builtInEndpoints() {
        return ENDPOINTS;
    }

    @Override
    protected Map<String, String> extraAuthorizationParameters(AuthorizationRequest request) {
        return Map.of("prompt", "select_account");
    }

    @Override
    protected ProviderUser toUser(JsonNode userInfo, Map<String, Object> tokenResponse) {
        return new ProviderUser(text(userInfo, "id").orElseThrow(ProviderHttp::oauthFailed), Map.of(),
                text(userInfo, "email"), map(userInfo), tokenResponse);
    }
}
