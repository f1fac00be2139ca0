package io.skygear.auth.internal.sso.provider;

import io.skygear.auth.internal.sso.SsoErrors;
import io.skygear.core.config.OAuthProviderConfig;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.time.Duration;

/**
 * The providers of a tenant, made from its configuration on each use (cheap: the discovery documents and
 * keys they need are cached here, per URL, for every tenant of the node).
 */
public final class OAuthProviders {

    private final ProviderHttp http;
    private final OidcMetadata metadata;
    private final Clock clock;

    public OAuthProviders(Duration timeout, Clock clock) {
        this.http = new ProviderHttp(timeout);
        this.metadata = new OidcMetadata(http, clock);
        this.clock = clock;
    }

    /** The configured provider {@code id}; 404 "unknown provider" otherwise. */
    public OAuth2Provider get(TenantContext tenant, String id) {
        OAuthProviderConfig config = tenant.config().userConfig().sso().oauth().provider(id)
                .orElseThrow(SsoErrors::unknownProvider);
        return create(config);
    }

    /** The HTTP client providers use; also the one custom tokens' JWKS are fetched with. */
    public ProviderHttp http() {
        return http;
    }

    /** Key sets by URL, cached. */
    public OidcMetadata metadata() {
        return metadata;
    }

    OAuth2Provider create(OAuthProviderConfig config) {
        return switch (config.type()) {
            case GOOGLE -> new GoogleProvider(config, http);
            case FACEBOOK -> new FacebookProvider(config, http);
            case INSTAGRAM -> new InstagramProvider(config, http);
            case LINKEDIN -> new LinkedInProvider(config, http);
            case AZUREADV2 -> new AzureAdV2Provider(config, http, metadata, clock);
            case APPLE -> new AppleProvider(config, http, metadata, clock);
            case OIDC -> new GenericOidcProvider(config, http, metadata, clock);
        };
    }
}
