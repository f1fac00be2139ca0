package io.skygear.core.config;

/** {@code user_config.mfa.totp}: at most {@code maximum} (0–5, default 0) TOTP authenticators per user. */
public record MfaTotpConfig(int maximum) {
}
