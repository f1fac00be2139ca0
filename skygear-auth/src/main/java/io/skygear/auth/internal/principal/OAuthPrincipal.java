package io.skygear.auth.internal.principal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An OAuth identity ({@code _auth_provider_oauth}): the user at a provider.
 *
 * @param providerType  the provider's type ({@code google}, {@code oidc}, …)
 * @param providerKeys  what further scopes the user id ({@code {tenant}} for Azure AD), else {@code {}}
 * @param tokenResponse the token endpoint's answer without its tokens
 * @param profile       the provider's user document, the API's {@code raw_profile}
 * @param claims        {@code {email}} when the provider gave one
 */
public record OAuthPrincipal(String id, String userId, String providerType, Map<String, Object> providerKeys,
                             String providerUserId, Map<String, Object> tokenResponse, Map<String, Object> profile,
                             Map<String, Object> claims) {

    public OAuthPrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(providerUserId, "providerUserId");
        providerKeys = copy(providerKeys);
        tokenResponse = copy(tokenResponse);
        profile = copy(profile);
        claims = copy(claims);
    }

    public Identity toIdentity() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("provider_type", providerType);
        attributes.put("provider_keys", providerKeys);
        attributes.put("provider_user_id", providerUserId);
        attributes.put("raw_profile", profile);
        return new Identity(id, Identity.OAUTH, userId, attributes, claims);
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
