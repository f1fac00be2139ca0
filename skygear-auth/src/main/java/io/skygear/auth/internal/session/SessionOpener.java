package io.skygear.auth.internal.session;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The last step of every way in (signup, login, SSO, custom token, MFA): opens a session for a user
 * who has authenticated, runs the {@code before_session_create} hook and its mutations, and records
 * the login. The caller queues {@link Opened#afterHook()} with its own after-hooks and writes its audit
 * event, all in the same transaction.
 */
public final class SessionOpener {

    private final AuthServices services;

    public SessionOpener(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /** A session opened for {@code user}, the user as stored afterwards and the after-hook to queue. */
    public record Opened(User user, Identity identity, IssuedSession issued, HookEvent.Operation afterHook) {

        public AuthResponse toResponse() {
            return AuthResponse.withSession(user, identity, issued.accessToken(), issued.refreshToken(),
                    issued.session().id());
        }
    }

    public Opened open(TenantContext tenant, DSLContext trx, User user, Identity identity,
                       SessionCreateEvent.Reason reason, ClientConfig client, AccessEvent access,
                       HookContext hookContext) {
        Instant now = services.now();
        IssuedSession issued = services.sessions().create(tenant, trx, new SessionCreation(
                user.id(), identity.id(), identity.type(), now, client.id(), access));
        BeforeHookResult sessionCreate = services.hooks().before(tenant, trx,
                new SessionCreateEvent(reason, user.toHookUser(), identity.toHookIdentity(),
                        issued.session().toApiModel()),
                hookContext);
        User mutated = services.mutations().apply(tenant, trx, user, sessionCreate.mutations());
        UserStore users = new UserStore(services.scope(tenant, trx));
        users.recordLogin(mutated, now);
        User stored = users.find(user.id()).orElseThrow();
        return new Opened(stored, identity, issued, sessionCreate.payload());
    }
}
