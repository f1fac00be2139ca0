package io.skygear.core.config;

/**
 * {@code user_config.forgot_password}.
 *
 * @param appName          shown in the e-mail (default: the tenant's {@code app_name})
 * @param secureMatch      answer success even when no user has the e-mail address
 * @param sender           default {@code no-reply@skygeario.com}
 * @param subject          default {@code Reset password instruction}
 * @param resetUrlLifetime seconds a reset link stays valid (default 43200)
 */
public record ForgotPasswordConfig(
        String appName,
        boolean secureMatch,
        String sender,
        String subject,
        String replyTo,
        int resetUrlLifetime,
        String successRedirect,
        String errorRedirect) {
}
