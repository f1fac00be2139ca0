package io.skygear.auth.internal.password;

import io.skygear.auth.hook.PasswordUpdateEvent;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.PasswordPolicyConfig;
import io.skygear.core.db.TenantScope;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The logged-in user changes their password (§3.2 change_password), in this order: the new password
 * against the policy including history (400 {@code PasswordPolicyViolated}); a user without password
 * identity is 400 {@code Invalid} "user has no password"; the old password must match every password
 * identity (401 {@code InvalidCredentials}). Then, in one transaction: hook {@code password_update}
 * (reason {@code change_password}), the new hash on every password identity, a new access token for the
 * current session (the user's other sessions stay, as in the original), history and housekeeping, audit
 * {@code change_password}.
 */
public final class ChangePasswordService {

    static final String NO_PASSWORD = "user has no password";

    private final AuthServices services;

    public ChangePasswordService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public AuthResponse changePassword(TenantContext tenant, Session session, String oldPassword, String newPassword,
                                       HookContext hookContext, AuditOrigin origin) {
        PasswordPolicyConfig config = tenant.config().userConfig().passwordPolicy();
        PasswordPolicy policy = PasswordPolicy.of(config);
        String userId = session.userId();
        TenantScope scope = services.database(tenant).tenant(tenant.appId());
        // bcrypt work (history, old password, new hash) before the transaction: no connection held meanwhile
        List<String> previous = policy.historyEnabled()
                ? new PasswordHistoryStore(scope, services.clock()).window(userId, config.historySize(), config.historyDays())
                : List.of();
        policy.check(newPassword, previous);
        List<PasswordPrincipal> principals = new PrincipalStore(scope).listPasswordByUser(userId);
        if (principals.isEmpty()) {
            throw SkygearException.of(ErrorName.INVALID, NO_PASSWORD);
        }
        PasswordHasher hasher = services.hasher();
        if (!principals.stream().map(PasswordPrincipal::passwordHash).distinct().allMatch(h -> hasher.verify(oldPassword, h))) {
            throw invalidCredentials();
        }
        String hash = hasher.hash(newPassword);

        return services.database(tenant).transactionResult(trx -> {
            DSLContext dsl = trx.dsl();
            TenantScope tx = services.scope(tenant, dsl);
            UserStore users = new UserStore(tx);
            User user = users.find(userId).orElseThrow(AuthzPolicy::notAuthenticated);
            BeforeHookResult before = services.hooks().before(tenant, dsl,
                    new PasswordUpdateEvent(PasswordUpdateEvent.Reason.CHANGE_PASSWORD, user.toHookUser()), hookContext);
            user = services.mutations().apply(tenant, dsl, user, before.mutations());

            PrincipalStore store = new PrincipalStore(tx);
            List<PasswordPrincipal> current = store.listPasswordByUser(userId);
            current.forEach(p -> store.updatePasswordHash(p.id(), hash));
            String accessToken = services.sessions().rotateAccessToken(tenant, dsl, session.id());
            if (policy.historyEnabled()) {
                PasswordHistoryStore history = new PasswordHistoryStore(tx, services.clock());
                // as in the original, the history records a new password only, not the current one set again
                if (!newPassword.equals(oldPassword)) {
                    history.record(userId, hash);
                }
                history.housekeep(userId, config.historySize(), config.historyDays());
            }

            services.hooks().after(tenant, dsl, before.payload(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(AuditEventType.CHANGE_PASSWORD, userId, origin));
            // the session's identity when it is a password one, else the first password identity
            List<PasswordPrincipal> updated = current.isEmpty() ? principals : current;
            Identity identity = updated.stream()
                    .filter(p -> p.id().equals(session.principalId()))
                    .findFirst()
                    .orElse(updated.getFirst())
                    .toIdentity();
            return new AuthResponse(user, Optional.of(identity), Optional.of(accessToken), Optional.empty(),
                    Optional.of(session.id()));
        });
    }

    /** 401 {@code Unauthorized/InvalidCredentials} "invalid credentials". */
    static SkygearException invalidCredentials() {
        return new SkygearException(ErrorName.UNAUTHORIZED, "InvalidCredentials", "invalid credentials");
    }
}
