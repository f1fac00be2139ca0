package io.skygear.auth.internal.sso.provider;

import io.skygear.core.config.OAuthProviderConfig;
import java.time.Clock;

/** Any OpenID Connect provider, found through its configured {@code issuer}; the user id is {@code sub}. */
final class GenericOidcProvider extends OidcProvider {

    GenericOidcProvider(OAuthProviderConfig config, ProviderHttp http, OidcMetadata metadata, Clock clock) {
        super(config, http, metadata, clock);
    }

    @Override
    protected String issuer() {
        return config.issuer();
    }
}
