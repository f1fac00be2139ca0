package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LinkedIn: the member from {@code /v2/me}, the e-mail address from {@code /v2/emailAddress} next to it
 * (relative to the user-info endpoint, so an overridden endpoint moves both).
 */
final class LinkedInProvider extends OAuth2Provider {

    private static final Endpoints ENDPOINTS = Endpoints.of(
            "https://www.linkedin.com/oauth/v2/authorization",
            "https://www.linkedin.com/oauth/v2/accessToken",
            "https://api.linkedin.com/v2/me");
    private static final String EMAIL = "emailAddress?q=members&projection=(elements*(handle~))";

    LinkedInProvider(OAuthProviderConfig config, ProviderHttp http) {
        super(config, http);
    }

    @Override
    protected Endpoints builtInEndpoints() {
        return ENDPOINTS;
    }

    @Override
    protected JsonNode userInfo(String accessToken) {
        URI me = endpoints().userinfo().orElseThrow(ProviderHttp::oauthFailed);
        JsonNode member = http.getJson(me, Optional.of(accessToken));
        JsonNode email = http.getJson(me.resolve(EMAIL), Optional.of(accessToken));
        ObjectNode combined = ((ObjectNode) member).deepCopy();
        combined.set("email_address", email);
        return combined;
    }

    @Override
    protected ProviderUser toUser(JsonNode userInfo, Map<String, Object> tokenResponse) {
        Optional<String> email = text(userInfo.path("email_address").path("elements").path(0).path("handle~"),
                "emailAddress");
        return new ProviderUser(text(userInfo, "id").orElseThrow(ProviderHttp::oauthFailed), Map.of(), email,
                new LinkedHashMap<>(map(userInfo)), tokenResponse);
    }
}
