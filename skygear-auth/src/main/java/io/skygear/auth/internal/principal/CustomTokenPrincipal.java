package io.skygear.auth.internal.principal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A custom-token identity ({@code _auth_provider_custom_token}): the developer's own user id.
 *
 * @param tokenPrincipalId the token's {@code sub}, the API's {@code provider_user_id}
 * @param rawProfile       every claim of the last token
 * @param claims           {@code {email}} when the token had one
 */
public record CustomTokenPrincipal(String id, String userId, String tokenPrincipalId, Map<String, Object> rawProfile,
                                   Map<String, Object> claims) {

    public CustomTokenPrincipal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tokenPrincipalId, "tokenPrincipalId");
        rawProfile = Collections.unmodifiableMap(new LinkedHashMap<>(rawProfile));
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    public Identity toIdentity() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("provider_user_id", tokenPrincipalId);
        attributes.put("raw_profile", rawProfile);
        return new Identity(id, Identity.CUSTOM_TOKEN, userId, attributes, claims);
    }
}
