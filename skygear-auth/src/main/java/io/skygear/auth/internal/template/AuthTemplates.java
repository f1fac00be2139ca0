package io.skygear.auth.internal.template;

import io.skygear.core.template.TemplateSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The template types of the auth gear (the original's registry), each with its built-in default
 * shipped in the jar ({@code io/skygear/auth/templates/<type>}). Verification templates are keyed by
 * login ID key. Tenants override any of them with {@code template_items}.
 */
public final class AuthTemplates {

    public static final TemplateSpec FORGOT_PASSWORD_EMAIL_TXT = spec("forgot_password_email.txt", false);
    public static final TemplateSpec FORGOT_PASSWORD_EMAIL_HTML = spec("forgot_password_email.html", false);
    public static final TemplateSpec FORGOT_PASSWORD_RESET_HTML = spec("forgot_password_reset.html", false);
    public static final TemplateSpec FORGOT_PASSWORD_SUCCESS_HTML = spec("forgot_password_success.html", false);
    public static final TemplateSpec FORGOT_PASSWORD_ERROR_HTML = spec("forgot_password_error.html", false);
    public static final TemplateSpec WELCOME_EMAIL_TXT = spec("welcome_email.txt", false);
    public static final TemplateSpec WELCOME_EMAIL_HTML = spec("welcome_email.html", false);
    public static final TemplateSpec USER_VERIFICATION_SMS_TXT = spec("user_verification_sms.txt", true);
    public static final TemplateSpec USER_VERIFICATION_EMAIL_TXT = spec("user_verification_email.txt", true);
    public static final TemplateSpec USER_VERIFICATION_EMAIL_HTML = spec("user_verification_email.html", true);
    public static final TemplateSpec USER_VERIFICATION_SUCCESS_HTML = spec("user_verification_success.html", true);
    public static final TemplateSpec USER_VERIFICATION_ERROR_HTML = spec("user_verification_error.html", true);
    public static final TemplateSpec MFA_OOB_CODE_SMS_TXT = spec("mfa_oob_code_sms.txt", false);
    public static final TemplateSpec MFA_OOB_CODE_EMAIL_TXT = spec("mfa_oob_code_email.txt", false);
    public static final TemplateSpec MFA_OOB_CODE_EMAIL_HTML = spec("mfa_oob_code_email.html", false);

    private static final List<TemplateSpec> ALL = Stream.of(
                    FORGOT_PASSWORD_EMAIL_TXT, FORGOT_PASSWORD_EMAIL_HTML, FORGOT_PASSWORD_RESET_HTML,
                    FORGOT_PASSWORD_SUCCESS_HTML, FORGOT_PASSWORD_ERROR_HTML, WELCOME_EMAIL_TXT, WELCOME_EMAIL_HTML,
                    USER_VERIFICATION_SMS_TXT, USER_VERIFICATION_EMAIL_TXT, USER_VERIFICATION_EMAIL_HTML,
                    USER_VERIFICATION_SUCCESS_HTML, USER_VERIFICATION_ERROR_HTML, MFA_OOB_CODE_SMS_TXT,
                    MFA_OOB_CODE_EMAIL_TXT, MFA_OOB_CODE_EMAIL_HTML)
            .sorted(Comparator.comparing(TemplateSpec::type))
            .toList();

    private AuthTemplates() {
    }

    /** Every type, sorted by type name. */
    public static List<TemplateSpec> all() {
        return ALL;
    }

    private static TemplateSpec spec(String type, boolean keyed) {
        String resource = "/io/skygear/auth/templates/" + type;
        try (InputStream in = AuthTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("default template missing from the jar: " + resource);
            }
            return new TemplateSpec(type, new String(in.readAllBytes(), StandardCharsets.UTF_8), keyed, type.endsWith(".html"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
