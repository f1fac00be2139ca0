package io.skygear.core.config;

/**
 * {@code user_config.welcome_email}: sender default {@code no-reply@skygeario.com}, subject default
 * {@code Welcome!}, destination default {@code first}.
 */
public record WelcomeEmailConfig(
        boolean enabled,
        String sender,
        String subject,
        String replyTo,
        WelcomeEmailDestination destination) {
}
