package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/**
 * {@code user_config.sso.custom_token}: login with a JWT signed by the developer's own backend: HS256
 * with {@code secret}, or RS256/ES256 with {@code public_key} (PEM) or the keys published at
 * {@code jwks_url}. {@code issuer} and {@code audience} are required when enabled.
 *
 * @param publicKey an RSA or EC public key, PEM ({@code -----BEGIN PUBLIC KEY-----}); empty = none
 * @param jwksUrl   an absolute http(s) URL of a JWK set; empty = none
 */
public record CustomTokenConfig(
        boolean enabled,
        String issuer,
        String audience,
        String secret,
        boolean onUserDuplicateAllowMerge,
        boolean onUserDuplicateAllowCreate,
        String publicKey,
        String jwksUrl) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "secret");
    }
}
