package io.skygear.core.config;

import io.skygear.core.internal.config.RecordText;
import java.util.List;
import java.util.Optional;

/** {@code user_config}: the developer-editable part of a tenant. */
public record UserConfig(
        List<ClientConfig> clients,
        String masterKey,
        CorsConfig cors,
        AuthConfig auth,
        MfaConfig mfa,
        UserAuditConfig userAudit,
        PasswordPolicyConfig passwordPolicy,
        ForgotPasswordConfig forgotPassword,
        WelcomeEmailConfig welcomeEmail,
        SsoConfig sso,
        UserVerificationConfig userVerification,
        HookConfig hook,
        SmtpConfig smtp,
        TwilioConfig twilio,
        NexmoConfig nexmo,
        AssetConfig asset) {

    public UserConfig {
        clients = List.copyOf(clients);
    }

    /** The client with this {@code id}, if configured. */
    public Optional<ClientConfig> client(String id) {
        return clients.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return RecordText.redacted(this, "masterKey");
    }
}
