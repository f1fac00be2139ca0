package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;

/**
 * {@code user_config.sso.custom_token}: login with a JWT signed (HS256) by the developer's own backend.
 * {@code issuer} and {@code audience} are required when enabled.
 */
public record CustomTokenConfig(
        boolean enabled,
        String issuer,
        String audience,
        String secret,
        boolean onUserDuplicateAllowMerge,
        boolean onUserDuplicateAllowCreate) {

    @Override
    public String toString() {
        return RecordText.redacted(this, "secret");
    }
}
