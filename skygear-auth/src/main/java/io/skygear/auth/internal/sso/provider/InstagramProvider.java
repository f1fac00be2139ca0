package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Instagram: the user is {@code data} of {@code /v1/users/self}, which takes the token as a query parameter. */
final class InstagramProvider extends OAuth2Provider {

    private static final Endpoints ENDPOINTS = Endpoints.of(
            "https://api.instagram.com/oauth/authorize",
            "https://api.instagram.com/oauth/access_token",
            "https://api.instagram.com/v1/users/self");

    InstagramProvider(OAuthProviderConfig config, ProviderHttp http) {
        super(config, http);
    }

    @Override
    protected Endpoints builtInEndpoints() {
        return ENDPOINTS;
    }

    @Override
    protected JsonNode userInfo(String accessToken) {
        return http.getJson(ProviderHttp.withQuery(endpoints().userinfo().orElseThrow(ProviderHttp::oauthFailed),
                Map.of("access_token", accessToken)), Optional.empty());
    }

    @Override
    protected ProviderUser toUser(JsonNode userInfo, Map<String, Object> tokenResponse) {
        JsonNode data = userInfo.path("data");
        return new ProviderUser(text(data, "id").orElseThrow(ProviderHttp::oauthFailed), Map.of(),
                text(data, "email"), map(userInfo), tokenResponse);
    }
}
