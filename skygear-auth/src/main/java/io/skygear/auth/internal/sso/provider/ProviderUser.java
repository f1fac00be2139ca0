package io.skygear.auth.internal.sso.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a provider says the user is.
 *
 * @param providerKeys  what scopes the user id, besides the provider type ({@code {tenant}} for Azure AD)
 * @param email         the e-mail address the provider gave, if any
 * @param rawProfile    the provider's user document (or ID token claims), stored as {@code raw_profile}
 * @param tokenResponse the token endpoint's answer without the tokens themselves
 */
public record ProviderUser(String providerUserId, Map<String, Object> providerKeys, Optional<String> email,
                           Map<String, Object> rawProfile, Map<String, Object> tokenResponse) {

    public ProviderUser {
        if (providerUserId == null || providerUserId.isEmpty()) {
            throw ProviderHttp.oauthFailed();
        }
        providerKeys = Collections.unmodifiableMap(new LinkedHashMap<>(providerKeys));
        email = Objects.requireNonNull(email, "email").filter(e -> !e.isEmpty());
        rawProfile = Collections.unmodifiableMap(new LinkedHashMap<>(rawProfile));
        tokenResponse = Collections.unmodifiableMap(new LinkedHashMap<>(tokenResponse));
    }

    /** The standard claims kept with the identity: {@code {email}} when known. */
    public Map<String, Object> claims() {
        return email.<Map<String, Object>>map(e -> Map.of("email", e)).orElse(Map.of());
    }
}
