package io.skygear.auth.internal.verify;

import io.skygear.auth.internal.http.AuthRequest;
import io.skygear.auth.internal.http.LinkPageHandler;
import io.skygear.auth.internal.http.RedirectData;
import io.skygear.auth.internal.message.Messenger;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.core.config.UserVerificationKeyConfig;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET/POST /_auth/verify_code_form} (no authz), the link of verification messages:
 * {@code user_id} and {@code code} from the query or form. Success shows
 * {@code user_verification_success.html} or redirects to the key's {@code success_redirect}; failure
 * shows {@code user_verification_error.html} (400) or redirects to the key's {@code error_redirect},
 * with {@code x-skygear-redirect-data}. Pages use the templates of the code's login ID key.
 */
public final class VerifyCodeFormHandler extends LinkPageHandler {

    private final VerificationService service;
    private final Messenger messenger;

    public VerifyCodeFormHandler(VerificationService service, Messenger messenger) {
        super("verify_code_form");
        this.service = service;
        this.messenger = messenger;
    }

    @Override
    protected String appName(TenantContext tenant) {
        return tenant.config().appName();
    }

    @Override
    protected void respond(AuthRequest request, String userId, String code, Map<String, Object> context)
            throws Exception {
        VerificationService.Verified verified;
        try {
            verified = service.verify(request.tenant(), userId, code, request.hookContext());
        } catch (SkygearException e) {
            Optional<String> key = userId.isEmpty() ? Optional.empty() : service.latestKey(request.tenant(), userId);
            Map<String, Object> error = RedirectData.error(e);
            Optional<String> redirect = redirect(request, key, UserVerificationKeyConfig::errorRedirect);
            if (redirect.isPresent()) {
                request.redirect(RedirectData.location(redirect.get(), Map.of("user_id", userId, "error", error)));
                return;
            }
            context.put("error", error);
            key.ifPresent(k -> context.put("login_id_key", k));
            request.writeHtml(400, messenger.render(request.tenant(), AuthTemplates.USER_VERIFICATION_ERROR_HTML,
                    key.orElse(null), request.languages(), context));
            return;
        }
        context.put("login_id_key", verified.loginIdKey());
        context.put("login_id", verified.loginId());
        Optional<String> redirect = redirect(request, Optional.of(verified.loginIdKey()), UserVerificationKeyConfig::successRedirect);
        if (redirect.isPresent()) {
            request.redirect(RedirectData.location(redirect.get(), Map.of("user_id", userId,
                    "login_id_key", verified.loginIdKey(), "login_id", verified.loginId())));
            return;
        }
        request.writeHtml(200, messenger.render(request.tenant(), AuthTemplates.USER_VERIFICATION_SUCCESS_HTML,
                verified.loginIdKey(), request.languages(), context));
    }

    private static Optional<String> redirect(AuthRequest request, Optional<String> key,
                                             Function<UserVerificationKeyConfig, String> which) {
        return key.flatMap(k -> VerificationService.keyConfig(request.tenant(), k)).map(which)
                .filter(s -> s != null && !s.isBlank());
    }
}
