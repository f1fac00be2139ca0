package io.skygear.auth.internal.password;

import io.skygear.auth.hook.PasswordUpdateEvent;
import io.skygear.auth.internal.admin.TargetUser;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.PasswordPolicyConfig;
import io.skygear.core.db.TenantScope;
import io.skygear.core.tenant.TenantContext;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The master key sets a user's password (§3.3 reset_password): 404 {@code UserNotFound} for an unknown
 * user, the policy without history (400 {@code PasswordPolicyViolated}), then in one transaction hook
 * {@code password_update} (reason {@code administrative}), the new hash on every password identity,
 * history and housekeeping, audit {@code reset_password}. Sessions stay, as in the original.
 */
public final class ResetPasswordService {

    private final AuthServices services;

    public ResetPasswordService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public void resetPassword(TenantContext tenant, String userId, String password, HookContext hookContext,
                              AuditOrigin origin) {
        PasswordPolicyConfig config = tenant.config().userConfig().passwordPolicy();
        PasswordPolicy policy = PasswordPolicy.of(config);
        TenantScope scope = services.database(tenant).tenant(tenant.appId());
        TargetUser.require(new UserStore(scope), userId);
        policy.check(password);
        PasswordHasher hasher = services.hasher();
        // as in the original, the history records a new password only, not the current one set again
        boolean recordHistory = policy.historyEnabled() && new PrincipalStore(scope).listPasswordByUser(userId).stream()
                .map(PasswordPrincipal::passwordHash).distinct().anyMatch(h -> !hasher.verify(password, h));
        String hash = hasher.hash(password);

        services.database(tenant).transaction(trx -> {
            DSLContext dsl = trx.dsl();
            TenantScope tx = services.scope(tenant, dsl);
            User user = TargetUser.require(new UserStore(tx), userId);
            BeforeHookResult before = services.hooks().before(tenant, dsl,
                    new PasswordUpdateEvent(PasswordUpdateEvent.Reason.ADMINISTRATIVE, user.toHookUser()), hookContext);
            services.mutations().apply(tenant, dsl, user, before.mutations());

            PrincipalStore principals = new PrincipalStore(tx);
            principals.listPasswordByUser(userId).forEach(p -> principals.updatePasswordHash(p.id(), hash));
            if (policy.historyEnabled()) {
                PasswordHistoryStore history = new PasswordHistoryStore(tx, services.clock());
                if (recordHistory) {
                    history.record(userId, hash);
                }
                history.housekeep(userId, config.historySize(), config.historyDays());
            }

            services.hooks().after(tenant, dsl, before.payload(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(AuditEventType.RESET_PASSWORD, userId, origin));
        });
    }
}
