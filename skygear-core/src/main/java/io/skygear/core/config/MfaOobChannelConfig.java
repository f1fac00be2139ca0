package io.skygear.core.config;

/** {@code user_config.mfa.oob.sms} or {@code .email}: at most {@code maximum} (0–5, default 0) authenticators. */
public record MfaOobChannelConfig(int maximum) {
}
