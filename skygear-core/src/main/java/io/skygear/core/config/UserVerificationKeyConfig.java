package io.skygear.core.config;

/**
 * One verifiable login ID key ({@code user_config.user_verification.login_id_keys[]}).
 *
 * @param codeFormat default {@code complex}
 * @param expiry     seconds a code stays valid (default 3600)
 * @param subject    default {@code Verification instruction}
 * @param sender     default {@code no-reply@skygeario.com}
 */
public record UserVerificationKeyConfig(
        String key,
        VerificationCodeFormat codeFormat,
        int expiry,
        String successRedirect,
        String errorRedirect,
        String subject,
        String sender,
        String replyTo) {
}
