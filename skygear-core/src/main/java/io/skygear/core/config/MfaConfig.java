package io.skygear.core.config;

/**
 * {@code user_config.mfa}.
 *
 * @param enabled      whether users may add authenticators at all
 * @param enforcement  default {@code optional}
 * @param maximum      activated authenticators per user, 0–15 (default 1)
 * @param totp         TOTP limits
 * @param oob          SMS / e-mail code limits
 * @param bearerToken  "remember this device" tokens
 * @param recoveryCode recovery codes
 */
public record MfaConfig(
        boolean enabled,
        MfaEnforcement enforcement,
        int maximum,
        MfaTotpConfig totp,
        MfaOobConfig oob,
        MfaBearerTokenConfig bearerToken,
        MfaRecoveryCodeConfig recoveryCode) {
}
