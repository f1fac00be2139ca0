package io.skygear.auth.internal.session.endpoint;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.HookIdentity;
import io.skygear.auth.hook.SessionDeleteEvent;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.user.User;
import io.skygear.core.tenant.TenantContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Revokes the caller's other sessions (§3.4 revoke, revoke_all) in one transaction: per session the
 * before-hook {@code session_delete} (reason {@code revoke}, may refuse or mutate the user), the
 * deletion (its tokens stop working on every node at commit) and, unlike the original (deviation 2),
 * the after-hook and {@code user_sync} through the outbox.
 */
public final class SessionRevocation {

    private final AuthServices services;

    public SessionRevocation(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /**
     * Revokes {@code sessionId} of {@code user}; an unknown id or another user's session is silently
     * ignored, as in the original.
     *
     * @throws io.skygear.core.error.SkygearException 400 {@code ValidationFailed} for the current session
     */
    public void revoke(TenantContext tenant, Session current, User user, String sessionId, HookContext hookContext) {
        if (sessionId.equals(current.id())) {
            BodyCauses.throwIfAny(List.of(
                    BodyCauses.general("/session_id", "session_id must not be current session")));
        }
        services.sessions().get(tenant, user.id(), sessionId).ifPresent(target -> services.database(tenant)
                .transaction(trx -> end(tenant, trx.dsl(), user, List.of(target), hookContext)));
    }

    /** Revokes every session of {@code user} but {@code current}. */
    public void revokeAllButCurrent(TenantContext tenant, Session current, User user, HookContext hookContext) {
        List<Session> others = services.sessions().list(tenant, user.id()).stream()
                .filter(s -> !s.id().equals(current.id()))
                .toList();
        if (!others.isEmpty()) {
            services.database(tenant).transaction(trx -> end(tenant, trx.dsl(), user, others, hookContext));
        }
    }

    private void end(TenantContext tenant, DSLContext trx, User user, List<Session> sessions, HookContext hookContext) {
        PrincipalStore principals = new PrincipalStore(services.scope(tenant, trx));
        List<HookEvent.Operation> ended = new ArrayList<>();
        User latest = user;
        for (Session session : sessions) {
            BeforeHookResult before = services.hooks().before(tenant, trx, new SessionDeleteEvent(
                    SessionDeleteEvent.Reason.REVOKE, latest.toHookUser(), identity(principals, session),
                    session.toApiModel()), hookContext);
            latest = services.mutations().apply(tenant, trx, latest, before.mutations());
            if (services.sessions().revoke(tenant, trx, session.id())) {
                ended.add(before.payload());
            }
        }
        services.hooks().after(tenant, trx, ended, hookContext);
    }

    /** The session's identity; it may have been unlinked since the login, the session still names it. */
    private static HookIdentity identity(PrincipalStore principals, Session session) {
        return principals.find(session.principalId())
                .map(Identity::toHookIdentity)
                .orElseGet(() -> new HookIdentity(session.principalId(), session.principalType(), Map.of(), Map.of()));
    }
}
