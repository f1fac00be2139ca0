package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * An OAuth 2 authorization-code provider: builds the authorization URL, exchanges the code at the token
 * endpoint (client id and secret in the form) and reads the user from the user-info endpoint. Each
 * provider says where it is ({@link #builtInEndpoints()}), what it adds to the authorization URL and how
 * its user document maps to a {@link ProviderUser}.
 */
public abstract class OAuth2Provider {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
    /** Token response members that are credentials: not kept with the identity. */
    private static final Set<String> TOKENS = Set.of("access_token", "refresh_token", "id_token");

    protected final OAuthProviderConfig config;
    protected final ProviderHttp http;

    protected OAuth2Provider(OAuthProviderConfig config, ProviderHttp http) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
    }

    public OAuthProviderConfig config() {
        return config;
    }

    /** The provider's own endpoints, before the configured overrides. */
    protected abstract Endpoints builtInEndpoints();

    /** Maps the user document (and the token response) to the provider's user. */
    protected abstract ProviderUser toUser(JsonNode userInfo, Map<String, Object> tokenResponse);

    /** Parameters this provider adds to the authorization URL, before {@code state}. */
    protected Map<String, String> extraAuthorizationParameters(AuthorizationRequest request) {
        return Map.of();
    }

    /** What scopes the provider's user ids besides the provider type ({@code {tenant}} for Azure AD). */
    public Map<String, Object> providerKeys() {
        return Map.of();
    }

    /** Whether {@code /sso/{provider}/login|link} with an access token obtained elsewhere is possible. */
    public boolean supportsAccessTokenFlow() {
        return true;
    }

    protected final Endpoints endpoints() {
        return builtInEndpoints().overriddenBy(config);
    }

    /** The URL the user's browser is sent to. */
    public URI authorizationUri(AuthorizationRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", config.clientId());
        params.put("redirect_uri", request.redirectUri().toString());
        params.put("scope", config.scope());
        params.putAll(extraAuthorizationParameters(request));
        params.put("state", request.state());
        return ProviderHttp.withQuery(endpoints().authorization(), params);
    }

    /** Exchanges the code the provider sent to {@code auth_handler} and reads the user. */
    public ProviderUser exchangeCode(String code, URI redirectUri, String nonce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("client_id", config.clientId());
        form.put("client_secret", clientSecret());
        JsonNode token = http.postForm(endpoints().token(), form);
        String accessToken = text(token, "access_token").orElseThrow(ProviderHttp::oauthFailed);
        return userFromTokenResponse(token, accessToken, nonce);
    }

    /** The user behind an access token the client obtained from the provider itself. */
    public ProviderUser userFromAccessToken(String accessToken) {
        if (!supportsAccessTokenFlow()) {
            throw SkygearException.of(ErrorName.NOT_FOUND, "external access token flow is not supported by "
                    + config.type().wireValue());
        }
        return toUser(userInfo(accessToken), Map.of());
    }

    /** After the code exchange: the user from the user-info endpoint. OpenID providers read the ID token. */
    protected ProviderUser userFromTokenResponse(JsonNode tokenResponse, String accessToken, String nonce) {
        return toUser(userInfo(accessToken), kept(tokenResponse));
    }

    /** The client secret sent to the token endpoint; Apple's is a JWT made from the key. */
    protected String clientSecret() {
        return config.clientSecret();
    }

    /** The user document, fetched with the access token as a bearer token. */
    protected JsonNode userInfo(String accessToken) {
        URI userinfo = endpoints().userinfo().orElseThrow(ProviderHttp::oauthFailed);
        return http.getJson(userinfo, Optional.of(accessToken));
    }

    /** The token response without its credentials. */
    protected static Map<String, Object> kept(JsonNode tokenResponse) {
        Map<String, Object> all = Json.mapper().convertValue(tokenResponse, OBJECT);
        Map<String, Object> kept = new LinkedHashMap<>(all);
        kept.keySet().removeAll(TOKENS);
        return kept;
    }

    protected static Map<String, Object> map(JsonNode node) {
        return node != null && node.isObject() ? Json.mapper().convertValue(node, OBJECT) : Map.of();
    }

    /** A non-empty string member (numbers as text, as some providers send ids). */
    protected static Optional<String> text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        if (value.isString() || value.isNumber()) {
            String text = value.asString();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        return Optional.empty();
    }
}
