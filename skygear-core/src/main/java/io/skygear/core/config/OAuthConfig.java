package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;
import java.util.List;
import java.util.Optional;

/**
 * {@code user_config.sso.oauth}.
 *
 * @param stateJwtSecret      signs the OAuth {@code state} parameter
 * @param allowedCallbackUrls where the SSO flow may redirect back to; at least one when providers exist
 */
public record OAuthConfig(
        String stateJwtSecret,
        List<String> allowedCallbackUrls,
        boolean externalAccessTokenFlowEnabled,
        boolean onUserDuplicateAllowMerge,
        boolean onUserDuplicateAllowCreate,
        List<OAuthProviderConfig> providers) {

    public OAuthConfig {
        allowedCallbackUrls = List.copyOf(allowedCallbackUrls);
        providers = List.copyOf(providers);
    }

    /** The provider with this {@code id}, if configured. */
    public Optional<OAuthProviderConfig> provider(String id) {
        return providers.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return RecordText.redacted(this, "stateJwtSecret");
    }
}
