package io.skygear.core.config;

/** {@code user_config.sso}: custom-token login and OAuth providers. */
public record SsoConfig(CustomTokenConfig customToken, OAuthConfig oauth) {
}
