package io.skygear.core.config;

/** {@code user_config.mfa.bearer_token}: tokens expire after {@code expireInDays} (1–3650, default 30). */
public record MfaBearerTokenConfig(int expireInDays) {
}
