package io.skygear.auth.internal.logout;

import io.skygear.auth.hook.HookIdentity;
import io.skygear.auth.hook.SessionDeleteEvent;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.user.User;
import io.skygear.core.tenant.TenantContext;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Ends the caller's session (§3.2 logout) in one transaction: hook {@code session_delete} (reason
 * {@code logout}), the session deleted (its tokens stop working on every node at commit), audit
 * {@code logout}.
 */
public final class LogoutService {

    private final AuthServices services;

    public LogoutService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public void logout(TenantContext tenant, Session session, User user, HookContext hookContext, AuditOrigin origin) {
        services.database(tenant).transaction(trx -> {
            DSLContext dsl = trx.dsl();
            // the identity may have been unlinked since the login; the session still names it
            HookIdentity identity = new PrincipalStore(services.scope(tenant, dsl)).find(session.principalId())
                    .map(Identity::toHookIdentity)
                    .orElseGet(() -> new HookIdentity(session.principalId(), session.principalType(), Map.of(), Map.of()));
            BeforeHookResult sessionDelete = services.hooks().before(tenant, dsl, new SessionDeleteEvent(
                    SessionDeleteEvent.Reason.LOGOUT, user.toHookUser(), identity, session.toApiModel()), hookContext);
            services.mutations().apply(tenant, dsl, user, sessionDelete.mutations());
            services.sessions().revoke(tenant, dsl, session.id());
            services.hooks().after(tenant, dsl, sessionDelete.payload(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(AuditEventType.LOGOUT, user.id(), origin));
        });
    }
}
