package io.skygear.auth.internal.login;

import io.skygear.auth.AuthSettings;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.loginid.LoginIdChecker;
import io.skygear.auth.internal.loginid.LoginIdNormalizer;
import io.skygear.auth.internal.password.PasswordHasher;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.SessionOpener;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.db.TenantScope;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Logs a user in with a login ID and password (§3.2 login) and opens a session.
 *
 * <ul>
 *   <li>Rate-limited per login ID (case-folded) and per client IP before any password is checked
 *       (deviation 9): 429 {@code TooManyRequest}.</li>
 *   <li>Unknown login ID and wrong password are the same 401 {@code InvalidCredentials} and cost the
 *       same: an unknown login ID is verified against a dummy hash.</li>
 *   <li>A disabled user is refused with 403 {@code UserDisabled} (deviation 1), after the password
 *       check, so the status is only told to whoever knows the password.</li>
 *   <li>A legacy plain-bcrypt hash is replaced by a {@code $bcrypt-sha512$} one.</li>
 *   <li>Audit: {@code login_success}, or {@code login_failure} committed on its own.</li>
 * </ul>
 */
public final class LoginService {

    public static final String LOGIN_ID_BUCKET = "login:id";
    public static final String IP_BUCKET = "login:ip";

    private final AuthServices services;

    public LoginService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public AuthResponse login(TenantContext tenant, LoginCommand command, ClientConfig client, AccessEvent access,
                              HookContext hookContext, AuditOrigin origin) {
        LoginIdChecker checker = LoginIdChecker.of(tenant.config().userConfig().auth());
        checker.validateOne(command.loginIdKey(), command.loginId()).ifPresent(cause -> {
            throw SkygearException.validationFailed("invalid request body", List.of(cause));
        });
        AuthSettings settings = services.settings();
        services.rateLimiter().acquire(tenant, LOGIN_ID_BUCKET,
                LoginIdNormalizer.normalize(LoginIdType.EMAIL, command.loginId()), settings.loginLimitPerLoginId());
        services.rateLimiter().acquire(tenant, IP_BUCKET, access.remote().ip(), settings.loginLimitPerIp());

        TenantScope scope = services.database(tenant).tenant(tenant.appId());
        List<PasswordPrincipal> candidates = new PrincipalStore(scope).findPasswordByLoginId(
                checker.lookupForms(command.loginIdKey(), command.loginId()), PasswordPrincipal.DEFAULT_REALM);
        PasswordPrincipal principal = verify(candidates, command.password()).orElseThrow(() -> {
            String userId = candidates.isEmpty() ? null : candidates.getFirst().userId();
            services.audit().recordNow(tenant, AuditEvent.loginFailure(command.loginId(), userId, origin));
            return invalidCredentials();
        });
        User user = new UserStore(scope).find(principal.userId()).orElseThrow(LoginService::invalidCredentials);
        Instant now = services.now();
        if (user.isDisabled(now)) {
            services.audit().recordNow(tenant, AuditEvent.loginFailure(command.loginId(), user.id(), origin)
                    .withData(Map.of("reason", "user_disabled")));
            throw user.disabledError();
        }
        Optional<String> upgraded = services.hasher().needsRehash(principal.passwordHash())
                ? Optional.of(services.hasher().hash(command.password()))
                : Optional.empty();

        return services.database(tenant).transactionResult(trx -> {
            DSLContext dsl = trx.dsl();
            TenantScope tx = services.scope(tenant, dsl);
            upgraded.ifPresent(hash -> new PrincipalStore(tx).updatePasswordHash(principal.id(), hash));
            SessionOpener.Opened opened = new SessionOpener(services).open(tenant, dsl, user,
                    principal.toIdentity(), SessionCreateEvent.Reason.LOGIN, client, access, hookContext);
            services.hooks().after(tenant, dsl, opened.afterHooks(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(AuditEventType.LOGIN_SUCCESS, user.id(), origin));
            return opened.toResponse();
        });
    }

    /**
     * The identity whose hash {@code password} matches. With no candidate, a dummy hash is verified so
     * that an unknown login ID takes as long as a wrong password.
     */
    private Optional<PasswordPrincipal> verify(List<PasswordPrincipal> candidates, String password) {
        PasswordHasher hasher = services.hasher();
        if (candidates.isEmpty()) {
            hasher.verify(password, hasher.dummyHash());
            return Optional.empty();
        }
        return candidates.stream().filter(p -> hasher.verify(password, p.passwordHash())).findFirst();
    }

    /** 401 {@code Unauthorized/InvalidCredentials} "invalid credentials". */
    static SkygearException invalidCredentials() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "InvalidCredentials", "invalid credentials");
    }
}
