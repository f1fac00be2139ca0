package io.skygear.core.config;

/**
 * The kinds of OAuth / OpenID Connect provider a tenant can configure. The first five are the
 * original's; {@code apple} and {@code oidc} (any OpenID Connect issuer) are additions.
 */
public enum OAuthProviderType implements WireValue {
    GOOGLE("profile email"),
    FACEBOOK("default email"),
    INSTAGRAM("basic"),
    LINKEDIN("r_liteprofile r_emailaddress"),
    AZUREADV2("openid profile email"),
    APPLE("name email"),
    OIDC("openid profile email");

    private final String defaultScope;

    OAuthProviderType(String defaultScope) {
        this.defaultScope = defaultScope;
    }

    /** The scope requested when the provider's {@code scope} is not set. */
    public String defaultScope() {
        return defaultScope;
    }
}
