package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Facebook: Graph API v2.10 ({@code /me?fields=id,email}); {@code display=popup} in a popup. */
final class FacebookProvider extends OAuth2Provider {

    private static final Endpoints ENDPOINTS = Endpoints.of(
            "https://www.facebook.com/v2.10/dialog/oauth",
            "https://graph.facebook.com/v2.10/oauth/access_token",
            "https://graph.facebook.com/v2.10/me?fields=id,email");

    FacebookProvider(OAuthProviderConfig config, ProviderHttp http) {
        super(config, http);
    }

    @Override
    protected Endpoints builtInEndpoints() {
        return ENDPOINTS;
    }

    @Override
    protected Map<String, String> extraAuthorizationParameters(AuthorizationRequest request) {
        return request.popup() ? Map.of("display", "popup") : Map.of();
    }

    @Override
    protected ProviderUser toUser(JsonNode userInfo, Map<String, Object> tokenResponse) {
        return new ProviderUser(text(userInfo, "id").orElseThrow(ProviderHttp::oauthFailed), Map.of(),
                text(userInfo, "email"), map(userInfo), tokenResponse);
    }
}
