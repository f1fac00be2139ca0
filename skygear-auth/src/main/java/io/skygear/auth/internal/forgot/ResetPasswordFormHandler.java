package io.skygear.auth.internal.forgot;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.LinkPageHandler;
import io.skygear.auth.internal.http.RedirectData;
import io.skygear.auth.internal.message.Messenger;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.core.config.ForgotPasswordConfig;
import io.skygear.core.error.SkygearException;
import io.skygear.core.template.TemplateSpec;
import io.skygear.core.tenant.TenantContext;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET/POST /_auth/forgot_password/reset_password_form} (no authz), the page the reset e-mail
 * links to. GET checks the link and shows the form ({@code forgot_password_reset.html}); POST
 * ({@code password}, {@code confirm} and the link's fields) resets. A password that does not match
 * its confirmation or the policy shows the form again with the error (400); a bad link shows
 * {@code forgot_password_error.html} (400) or redirects to {@code forgot_password.error_redirect};
 * success shows {@code forgot_password_success.html} or redirects to {@code success_redirect}.
 * Redirects carry {@code x-skygear-redirect-data}. Every value shown is HTML-escaped.
 */
public final class ResetPasswordFormHandler extends LinkPageHandler {

    private final ForgotPasswordService service;
    private final Messenger messenger;

    public ResetPasswordFormHandler(ForgotPasswordService service, Messenger messenger) {
        super("forgot_password/reset_password_form");
        this.service = service;
        this.messenger = messenger;
    }

    @Override
    protected String appName(TenantContext tenant) {
        return ForgotPasswordService.appName(tenant);
    }

    @Override
    protected void respond(AuthRequest request, String userId, String code, Map<String, Object> context)
            throws Exception {
        String expireAtText = request.parameter("expire_at").orElse("");
        context.put("expire_at", expireAtText);
        context.put("action", "reset_password_form");
        long expireAt;
        try {
            expireAt = Long.parseLong(expireAtText);
        } catch (NumberFormatException e) {
            error(request, context, ResetFailure.invalidCode());
            return;
        }
        try {
            service.checkCode(request.tenant(), userId, code, expireAt);
        } catch (SkygearException e) {
            error(request, context, e);
            return;
        }
        if ("GET".equals(request.method())) {
            page(request, 200, AuthTemplates.FORGOT_PASSWORD_RESET_HTML, context);
            return;
        }
        String password = request.parameter("password").orElse("");
        if (!password.equals(request.parameter("confirm").orElse(""))) {
            formAgain(request, context, ResetFailure.passwordNotMatched());
            return;
        }
        try {
            service.reset(request.tenant(), userId, code, expireAt, password, request.hookContext(), request.auditOrigin());
        } catch (SkygearException e) {
            if (ResetFailure.REASON.equals(e.reason())) {
                error(request, context, e);
            } else {
                formAgain(request, context, e);
            }
            return;
        }
        ForgotPasswordConfig config = request.tenant().config().userConfig().forgotPassword();
        Optional<String> redirect = Optional.ofNullable(config.successRedirect()).filter(s -> !s.isBlank());
        if (redirect.isPresent()) {
            request.redirect(RedirectData.location(redirect.get(), Map.of("user_id", userId)));
        } else {
            page(request, 200, AuthTemplates.FORGOT_PASSWORD_SUCCESS_HTML, context);
        }
    }

    private void formAgain(AuthRequest request, Map<String, Object> context, SkygearException e) throws Exception {
        context.put("error", RedirectData.error(e));
        page(request, 400, AuthTemplates.FORGOT_PASSWORD_RESET_HTML, context);
    }

    private void error(AuthRequest request, Map<String, Object> context, SkygearException e) throws Exception {
        ForgotPasswordConfig config = request.tenant().config().userConfig().forgotPassword();
        Optional<String> redirect = Optional.ofNullable(config.errorRedirect()).filter(s -> !s.isBlank());
        if (redirect.isPresent()) {
            request.redirect(RedirectData.location(redirect.get(), Map.of("user_id", context.get("user_id"), "error", RedirectData.error(e))));
            return;
        }
        context.put("error", RedirectData.error(e));
        page(request, 400, AuthTemplates.FORGOT_PASSWORD_ERROR_HTML, context);
    }

    private void page(AuthRequest request, int status, TemplateSpec spec, Map<String, Object> context) throws Exception {
        request.writeHtml(status, messenger.render(request.tenant(), spec, null, request.languages(), context));
    }
}
