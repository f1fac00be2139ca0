package io.skygear.auth.internal.signup;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.auth.hook.UserCreateEvent;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.loginid.LoginId;
import io.skygear.auth.internal.loginid.LoginIdChecker;
import io.skygear.auth.internal.password.PasswordHistoryStore;
import io.skygear.auth.internal.password.PasswordPolicy;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.SessionOpener;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserQuota;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.auth.internal.verify.VerificationService;
import io.skygear.auth.internal.welcome.WelcomeEmail;
import io.skygear.core.config.AuthConfig;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.db.TenantScope;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Signs a user up with login IDs and a password (§3.2 signup) and opens the first session, all in one
 * transaction: user, profile, one password identity per login ID, password history, session, hooks
 * {@code user_create} and {@code session_create}. A login ID already taken, also by a concurrent signup,
 * is 409 {@code LoginIDAlreadyUsed} and leaves nothing behind.
 */
public final class SignupService {

    private final AuthServices services;

    public SignupService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public AuthResponse signup(TenantContext tenant, SignupCommand command, ClientConfig client, AccessEvent access,
                               HookContext hookContext, AuditOrigin origin) {
        AuthConfig auth = tenant.config().userConfig().auth();
        LoginIdChecker checker = LoginIdChecker.of(auth);
        List<ValidationCause> causes = new ArrayList<>(checker.validate(command.loginIds()));
        if (command.createDuplicate() && !auth.onUserDuplicateAllowCreate()) {
            causes.add(BodyCauses.general("/on_user_duplicate", "on_user_duplicate is not allowed"));
        }
        BodyCauses.throwIfAny(causes);
        PasswordPolicy policy = PasswordPolicy.of(tenant.config().userConfig().passwordPolicy());
        policy.check(command.password());

        // bcrypt before the transaction: it takes tens of milliseconds and needs no connection
        String hash = services.hasher().hash(command.password());
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            DSLContext dsl = trx.dsl();
            TenantScope scope = services.scope(tenant, dsl);
            PrincipalStore principals = new PrincipalStore(scope);
            UserStore users = new UserStore(scope);
            UserQuota.check(tenant, scope);
            if (!command.createDuplicate() && emailTaken(checker, principals, command.loginIds())) {
                throw PrincipalStore.loginIdAlreadyUsed();
            }

            User user = User.newUser(UUID.randomUUID().toString(), now, command.metadata());
            users.create(user);
            List<Identity> identities = new ArrayList<>();
            for (LoginId loginId : command.loginIds()) {
                PasswordPrincipal principal = new PasswordPrincipal(UUID.randomUUID().toString(), user.id(),
                        loginId.key(), loginId.value(), checker.normalize(loginId), PasswordPrincipal.DEFAULT_REALM,
                        hash, checker.claims(loginId));
                principals.createPassword(principal);
                identities.add(principal.toIdentity());
            }
            if (policy.historyEnabled()) {
                new PasswordHistoryStore(scope, services.clock()).record(user.id(), hash);
            }

            BeforeHookResult userCreate = services.hooks().before(tenant, dsl,
                    new UserCreateEvent(user.toHookUser(), identities.stream().map(Identity::toHookIdentity).toList()),
                    hookContext);
            user = services.mutations().apply(tenant, dsl, user, userCreate.mutations());

            SessionOpener.Opened opened = new SessionOpener(services).open(tenant, dsl, user, identities.getFirst(),
                    SessionCreateEvent.Reason.SIGNUP, client, access, hookContext);
            List<HookEvent.Operation> afterHooks = new ArrayList<>(List.of(userCreate.payload()));
            afterHooks.addAll(opened.afterHooks());
            services.hooks().after(tenant, dsl, afterHooks, hookContext);
            new WelcomeEmail(services).send(tenant, dsl, opened.user(), command.loginIds(), hookContext);
            new VerificationService(services).sendOnSignup(tenant, dsl, opened.user(), command.loginIds(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(AuditEventType.SIGNUP, opened.user().id(), origin));
            return opened.toResponse();
        });
    }

    /**
     * Duplicate detection of §3.2: another identity (password in this realm, OAuth, custom token) whose
     * e-mail claim is one of the e-mail login IDs, compared case-insensitively.
     */
    private static boolean emailTaken(LoginIdChecker checker, PrincipalStore principals, List<LoginId> loginIds) {
        for (LoginId loginId : loginIds) {
            if (checker.type(loginId.key()).orElse(LoginIdType.RAW) == LoginIdType.EMAIL
                    && !principals.findByEmailClaim(loginId.value(), checker.normalize(loginId),
                    PasswordPrincipal.DEFAULT_REALM).isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
