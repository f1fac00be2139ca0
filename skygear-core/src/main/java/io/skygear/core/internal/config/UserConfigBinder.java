package io.skygear.core.internal.config;

import static io.skygear.core.internal.config.ConfigObject.UNBOUNDED;

import io.skygear.core.config.AssetConfig;
import io.skygear.core.config.AuthConfig;
import io.skygear.core.config.AuthenticationSessionConfig;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.CorsConfig;
import io.skygear.core.config.ForgotPasswordConfig;
import io.skygear.core.config.HookConfig;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.config.MfaBearerTokenConfig;
import io.skygear.core.config.MfaConfig;
import io.skygear.core.config.MfaEnforcement;
import io.skygear.core.config.MfaOobChannelConfig;
import io.skygear.core.config.MfaOobConfig;
import io.skygear.core.config.MfaRecoveryCodeConfig;
import io.skygear.core.config.MfaTotpConfig;
import io.skygear.core.config.NexmoConfig;
import io.skygear.core.config.PasswordPolicyConfig;
import io.skygear.core.config.SameSite;
import io.skygear.core.config.SessionTransport;
import io.skygear.core.config.SmtpConfig;
import io.skygear.core.config.SmtpMode;
import io.skygear.core.config.TwilioConfig;
import io.skygear.core.config.UserAuditConfig;
import io.skygear.core.config.UserConfig;
import io.skygear.core.config.UserVerificationConfig;
import io.skygear.core.config.UserVerificationKeyConfig;
import io.skygear.core.config.VerificationCodeFormat;
import io.skygear.core.config.VerificationCriteria;
import io.skygear.core.config.WelcomeEmailConfig;
import io.skygear.core.config.WelcomeEmailDestination;
import java.util.List;

/** Builds {@code user_config} with the original's defaults and its JSON Schema rules. */
final class UserConfigBinder {

    static final String DEFAULT_SENDER = "no-reply@skygeario.com";

    private static final List<LoginIdKeyConfig> DEFAULT_LOGIN_ID_KEYS = List.of(
            new LoginIdKeyConfig("username", LoginIdType.RAW, 0, 1),
            new LoginIdKeyConfig("email", LoginIdType.EMAIL, 0, 1),
            new LoginIdKeyConfig("phone", LoginIdType.PHONE, 0, 1));

    private UserConfigBinder() {
    }

    static UserConfig bind(ConfigObject u, String appName) {
        String masterKey = u.requiredString("master_key");
        return new UserConfig(
                u.objects("clients").stream().map(UserConfigBinder::client).toList(),
                masterKey,
                new CorsConfig(u.object("cors").string("origin")),
                auth(u.requiredObject("auth")),
                mfa(u.object("mfa")),
                userAudit(u.object("user_audit")),
                passwordPolicy(u.object("password_policy")),
                forgotPassword(u.object("forgot_password"), appName),
                welcomeEmail(u.object("welcome_email")),
                SsoBinder.bind(u.object("sso")),
                userVerification(u.object("user_verification")),
                new HookConfig(u.requiredObject("hook").requiredString("secret")),
                smtp(u.object("smtp")),
                twilio(u.object("twilio")),
                nexmo(u.object("nexmo")),
                new AssetConfig(u.requiredObject("asset").requiredString("secret")));
    }

    private static ClientConfig client(ConfigObject c) {
        String id = c.nonEmptyString("id");
        String name = c.nonEmptyString("name");
        String apiKey = c.nonEmptyString("api_key");
        SessionTransport transport = c.requiredEnum("session_transport", SessionTransport.class, SessionTransport.HEADER);
        int access = c.integer("access_token_lifetime", 1800, 0, UNBOUNDED);
        boolean idleEnabled = c.bool("session_idle_timeout_enabled");
        int idle = c.integer("session_idle_timeout", Math.min(300, access), 0, UNBOUNDED);
        // Cookie clients never get refresh tokens. Forcing it here, as the original's defaults did,
        // means its later check "refresh token must be disabled" can never fail, so it is not repeated.
        boolean refreshDisabled = c.bool("refresh_token_disabled") || transport == SessionTransport.COOKIE;
        int refresh = c.integer("refresh_token_lifetime", Math.max(86400, access), 0, UNBOUNDED);
        SameSite sameSite = c.enumValue("same_site", SameSite.class, SameSite.LAX);
        return new ClientConfig(id, name, apiKey, transport, access, idleEnabled, idle, refreshDisabled, refresh, sameSite);
    }

    private static AuthConfig auth(ConfigObject a) {
        AuthenticationSessionConfig session =
                new AuthenticationSessionConfig(a.requiredObject("authentication_session").requiredString("secret"));
        List<LoginIdKeyConfig> keys = a.has("login_id_keys")
                ? a.objects("login_id_keys").stream().map(UserConfigBinder::loginIdKey).toList()
                : DEFAULT_LOGIN_ID_KEYS;
        a.minItems("login_id_keys", 1);
        return new AuthConfig(session, keys, a.bool("on_user_duplicate_allow_create"));
    }

    private static LoginIdKeyConfig loginIdKey(ConfigObject k) {
        String key = k.nonEmptyString("key");
        LoginIdType type = k.requiredEnum("type", LoginIdType.class, LoginIdType.RAW);
        int minimum = k.optionalInteger("minimum", 0, UNBOUNDED).orElse(0);
        int maximum = k.optionalInteger("maximum", 0, UNBOUNDED).orElse(minimum == 0 ? 1 : minimum);
        return new LoginIdKeyConfig(key, type, minimum, maximum);
    }

    private static MfaConfig mfa(ConfigObject m) {
        ConfigObject oob = m.object("oob");
        return new MfaConfig(
                m.bool("enabled"),
                m.enumValue("enforcement", MfaEnforcement.class, MfaEnforcement.OPTIONAL),
                m.optionalInteger("maximum", 0, 15).orElse(1),
                new MfaTotpConfig(m.object("totp").integer("maximum", 0, 0, 5)),
                new MfaOobConfig(
                        new MfaOobChannelConfig(oob.object("sms").integer("maximum", 0, 0, 5)),
                        new MfaOobChannelConfig(oob.object("email").integer("maximum", 0, 0, 5))),
                new MfaBearerTokenConfig(m.object("bearer_token").integer("expire_in_days", 30, 1, 3650)),
                mfaRecoveryCode(m.object("recovery_code")));
    }

    private static MfaRecoveryCodeConfig mfaRecoveryCode(ConfigObject r) {
        return new MfaRecoveryCodeConfig(r.integer("count", 16, 8, 24), r.bool("list_enabled"));
    }

    private static UserAuditConfig userAudit(ConfigObject a) {
        return new UserAuditConfig(a.bool("enabled"), a.string("trail_handler_url"));
    }

    private static PasswordPolicyConfig passwordPolicy(ConfigObject p) {
        return new PasswordPolicyConfig(
                p.integer("min_length", 0, 0, UNBOUNDED),
                p.bool("uppercase_required"),
                p.bool("lowercase_required"),
                p.bool("digit_required"),
                p.bool("symbol_required"),
                p.integer("minimum_guessable_level", 0, 0, 4),
                p.strings("excluded_keywords"),
                p.integer("history_size", 0, 0, UNBOUNDED),
                p.integer("history_days", 0, 0, UNBOUNDED),
                p.integer("expiry_days", 0, 0, UNBOUNDED));
    }

    private static ForgotPasswordConfig forgotPassword(ConfigObject f, String appName) {
        return new ForgotPasswordConfig(
                f.string("app_name", appName),
                f.bool("secure_match"),
                f.string("sender", DEFAULT_SENDER),
                f.string("subject", "Reset password instruction"),
                f.string("reply_to"),
                f.integer("reset_url_lifetime", 43200, 0, UNBOUNDED),
                f.string("success_redirect"),
                f.string("error_redirect"));
    }

    private static WelcomeEmailConfig welcomeEmail(ConfigObject w) {
        return new WelcomeEmailConfig(
                w.bool("enabled"),
                w.string("sender", DEFAULT_SENDER),
                w.string("subject", "Welcome!"),
                w.string("reply_to"),
                w.enumValue("destination", WelcomeEmailDestination.class, WelcomeEmailDestination.FIRST));
    }

    private static UserVerificationConfig userVerification(ConfigObject v) {
        return new UserVerificationConfig(
                v.bool("auto_send_on_signup"),
                v.enumValue("criteria", VerificationCriteria.class, VerificationCriteria.ANY),
                v.string("error_redirect"),
                v.objects("login_id_keys").stream().map(UserConfigBinder::verificationKey).toList());
    }

    private static UserVerificationKeyConfig verificationKey(ConfigObject k) {
        return new UserVerificationKeyConfig(
                k.nonEmptyString("key"),
                k.enumValue("code_format", VerificationCodeFormat.class, VerificationCodeFormat.COMPLEX),
                k.integer("expiry", 3600, 0, UNBOUNDED),
                k.string("success_redirect"),
                k.string("error_redirect"),
                k.string("subject", "Verification instruction"),
                k.string("sender", DEFAULT_SENDER),
                k.string("reply_to"));
    }

    private static SmtpConfig smtp(ConfigObject s) {
        return new SmtpConfig(
                s.string("host"),
                s.integer("port", 25, 0, 65535),
                s.enumValue("mode", SmtpMode.class, SmtpMode.NORMAL),
                s.string("login"),
                s.string("password"));
    }

    private static TwilioConfig twilio(ConfigObject t) {
        return new TwilioConfig(t.string("account_sid"), t.string("auth_token"), t.string("from"));
    }

    private static NexmoConfig nexmo(ConfigObject n) {
        return new NexmoConfig(n.string("api_key"), n.string("api_secret"), n.string("from"));
    }
}
