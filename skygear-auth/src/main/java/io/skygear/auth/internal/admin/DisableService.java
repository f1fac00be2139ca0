package io.skygear.auth.internal.admin;

import io.skygear.auth.hook.UserUpdateEvent;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The master key disables or enables a user (§3.3 disable/set), in one transaction: hook
 * {@code user_update} (reason {@code administrative}, {@code is_disabled}), the flag with message and
 * expiry (both cleared on enable), audit {@code disable_user} / {@code enable_user}. Every node drops the
 * user's cached sessions when the transaction commits, so a disabled user's tokens are refused (403
 * {@code UserDisabled}) within a second. An unknown user is 404 {@code UserNotFound}.
 */
public final class DisableService {

    private final AuthServices services;

    public DisableService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public void setDisabled(TenantContext tenant, String userId, boolean disabled, Optional<String> message,
                            Optional<Instant> expiry, HookContext hookContext, AuditOrigin origin) {
        services.database(tenant).transaction(trx -> {
            DSLContext dsl = trx.dsl();
            UserStore users = new UserStore(services.scope(tenant, dsl));
            User user = TargetUser.require(users, userId);
            BeforeHookResult before = services.hooks().before(tenant, dsl,
                    UserUpdateEvent.disabled(user.toHookUser(), disabled), hookContext);
            users.updateDisabled(userId, disabled, message, expiry);
            services.mutations().apply(tenant, dsl, user, before.mutations());
            services.sessions().evictUser(tenant, dsl, userId);
            services.hooks().after(tenant, dsl, before.payload(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(
                    disabled ? AuditEventType.DISABLE_USER : AuditEventType.ENABLE_USER, userId, origin));
        });
    }
}
