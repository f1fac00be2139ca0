package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.time.Clock;
import java.util.Map;

/**
 * Azure AD v2: OpenID Connect for {@code tenant} ({@code organizations}, {@code common} or a tenant id);
 * the user id is the {@code oid} claim and the identity is keyed by the tenant. The answer comes back as
 * a form post. No access-token flow, as in the original.
 */
final class AzureAdV2Provider extends OidcProvider {

    AzureAdV2Provider(OAuthProviderConfig config, ProviderHttp http, OidcMetadata metadata, Clock clock) {
        super(config, http, metadata, clock);
    }

    @Override
    protected String issuer() {
        return config.issuer().isEmpty()
                ? "https://login.microsoftonline.com/" + config.tenant() + "/v2.0"
                : config.issuer();
    }

    @Override
    protected String userId(Map<String, Object> claims) {
        return string(claims, "oid");
    }

    @Override
    public Map<String, Object> providerKeys() {
        return Map.of("tenant", config.tenant());
    }

    @Override
    protected Map<String, String> oidcAuthorizationParameters(AuthorizationRequest request) {
        return Map.of("response_mode", "form_post");
    }

    @Override
    public boolean supportsAccessTokenFlow() {
        return false;
    }
}
