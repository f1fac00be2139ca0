package io.skygear.core.config;

/**
 * {@code user_config.mfa.recovery_code}.
 *
 * @param count       codes generated at once, 8–24 (default 16)
 * @param listEnabled whether users may list their codes again later
 */
public record MfaRecoveryCodeConfig(int count, boolean listEnabled) {
}
