package io.skygear.auth.internal.http;

import io.skygear.auth.internal.admin.DisableService;
import io.skygear.auth.internal.admin.DisableSetHandler;
import io.skygear.auth.internal.admin.UpdateMetadataHandler;
import io.skygear.auth.internal.admin.UpdateMetadataService;
import io.skygear.auth.internal.forgot.ForgotPasswordHandler;
import io.skygear.auth.internal.forgot.ForgotPasswordService;
import io.skygear.auth.internal.forgot.ResetPasswordByCodeHandler;
import io.skygear.auth.internal.forgot.ResetPasswordFormHandler;
import io.skygear.auth.internal.login.LoginHandler;
import io.skygear.auth.internal.login.LoginService;
import io.skygear.auth.internal.logout.LogoutHandler;
import io.skygear.auth.internal.logout.LogoutService;
import io.skygear.auth.internal.customtoken.CustomTokenLoginHandler;
import io.skygear.auth.internal.customtoken.CustomTokenLoginService;
import io.skygear.auth.internal.me.MeHandler;
import io.skygear.auth.internal.mfa.MfaService;
import io.skygear.auth.internal.mfa.endpoint.AuthenticatorDeleteHandler;
import io.skygear.auth.internal.mfa.endpoint.AuthenticatorListHandler;
import io.skygear.auth.internal.mfa.endpoint.BearerTokenAuthenticateHandler;
import io.skygear.auth.internal.mfa.endpoint.BearerTokenRevokeAllHandler;
import io.skygear.auth.internal.mfa.endpoint.OobActivateHandler;
import io.skygear.auth.internal.mfa.endpoint.OobAuthenticateHandler;
import io.skygear.auth.internal.mfa.endpoint.OobNewHandler;
import io.skygear.auth.internal.mfa.endpoint.OobTriggerHandler;
import io.skygear.auth.internal.mfa.endpoint.RecoveryCodeAuthenticateHandler;
import io.skygear.auth.internal.mfa.endpoint.RecoveryCodeListHandler;
import io.skygear.auth.internal.mfa.endpoint.RecoveryCodeRegenerateHandler;
import io.skygear.auth.internal.mfa.endpoint.TotpActivateHandler;
import io.skygear.auth.internal.mfa.endpoint.TotpAuthenticateHandler;
import io.skygear.auth.internal.mfa.endpoint.TotpNewHandler;
import io.skygear.auth.internal.password.ChangePasswordHandler;
import io.skygear.auth.internal.password.ChangePasswordService;
import io.skygear.auth.internal.password.ResetPasswordHandler;
import io.skygear.auth.internal.password.ResetPasswordService;
import io.skygear.auth.internal.refresh.RefreshHandler;
import io.skygear.auth.internal.session.endpoint.SessionGetHandler;
import io.skygear.auth.internal.session.endpoint.SessionListHandler;
import io.skygear.auth.internal.session.endpoint.SessionRevocation;
import io.skygear.auth.internal.session.endpoint.SessionRevokeAllHandler;
import io.skygear.auth.internal.session.endpoint.SessionRevokeHandler;
import io.skygear.auth.internal.signup.SignupHandler;
import io.skygear.auth.internal.signup.SignupService;
import io.skygear.auth.internal.sso.AccessTokenLinkHandler;
import io.skygear.auth.internal.sso.AccessTokenLoginHandler;
import io.skygear.auth.internal.sso.AuthCallbackHandler;
import io.skygear.auth.internal.sso.AuthRedirectHandler;
import io.skygear.auth.internal.sso.AuthResultHandler;
import io.skygear.auth.internal.sso.AuthUrlHandler;
import io.skygear.auth.internal.sso.SsoAction;
import io.skygear.auth.internal.sso.SsoConfigHandler;
import io.skygear.auth.internal.sso.SsoService;
import io.skygear.auth.internal.sso.UnlinkHandler;
import io.skygear.auth.internal.template.TemplateSpecsHandler;
import io.skygear.auth.internal.verify.VerificationService;
import io.skygear.auth.internal.verify.VerifyCodeFormHandler;
import io.skygear.auth.internal.verify.VerifyCodeHandler;
import io.skygear.auth.internal.verify.VerifyRequestHandler;
import java.util.List;

/** Every endpoint of {@code /_auth}: one line per endpoint. */
public final class AuthHandlers {

    private AuthHandlers() {
    }

    public static List<AuthHandler> all(AuthServices services) {
        SsoService sso = new SsoService(services);
        return List.of(
                new SignupHandler(new SignupService(services)),
                new LoginHandler(new LoginService(services)),
                new LogoutHandler(new LogoutService(services)),
                new RefreshHandler(services.sessions()),
                new MeHandler(),
                new ChangePasswordHandler(new ChangePasswordService(services)),
                new ResetPasswordHandler(new ResetPasswordService(services)),
                new UpdateMetadataHandler(new UpdateMetadataService(services)),
                new DisableSetHandler(new DisableService(services)),
                new SessionListHandler(services.sessions()),
                new SessionGetHandler(services.sessions()),
                new SessionRevokeHandler(new SessionRevocation(services)),
                new SessionRevokeAllHandler(new SessionRevocation(services)),
                new ForgotPasswordHandler(new ForgotPasswordService(services)),
                new ResetPasswordByCodeHandler(new ForgotPasswordService(services)),
                new ResetPasswordFormHandler(new ForgotPasswordService(services), services.messenger()),
                new VerifyRequestHandler(new VerificationService(services)),
                new VerifyCodeHandler(new VerificationService(services)),
                new VerifyCodeFormHandler(new VerificationService(services), services.messenger()),
                new TemplateSpecsHandler(),
                new AuthUrlHandler(sso, SsoAction.LOGIN),
                new AuthUrlHandler(sso, SsoAction.LINK),
                new AuthRedirectHandler(sso, services.settings().insecureCookie()),
                new AuthCallbackHandler(sso),
                new AuthResultHandler(sso),
                new SsoConfigHandler(),
                new AccessTokenLoginHandler(sso),
                new AccessTokenLinkHandler(sso),
                new UnlinkHandler(sso),
                new CustomTokenLoginHandler(new CustomTokenLoginService(services, sso)),
                new AuthenticatorListHandler(new MfaService(services)),
                new AuthenticatorDeleteHandler(new MfaService(services)),
                new TotpNewHandler(new MfaService(services)),
                new TotpActivateHandler(new MfaService(services)),
                new TotpAuthenticateHandler(new MfaService(services)),
                new RecoveryCodeAuthenticateHandler(new MfaService(services)),
                new RecoveryCodeRegenerateHandler(new MfaService(services)),
                new RecoveryCodeListHandler(new MfaService(services)),
                new BearerTokenAuthenticateHandler(new MfaService(services)),
                new BearerTokenRevokeAllHandler(new MfaService(services)),
                new OobNewHandler(new MfaService(services)),
                new OobTriggerHandler(new MfaService(services)),
                new OobActivateHandler(new MfaService(services)),
                new OobAuthenticateHandler(new MfaService(services)));
    }
}
