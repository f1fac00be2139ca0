package io.skygear.auth.internal.session;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.auth.internal.authn.AuthenticationSession;
import io.skygear.auth.internal.authn.AuthenticationSessionTokens;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.mfa.AuthenticatorStore;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.MfaConfig;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The last step of every way in (signup, login, SSO, custom token, MFA): opens a session for a user
 * who has authenticated, runs the {@code before_session_create} hook and its mutations, and records
 * the login. The caller queues {@link Opened#afterHooks()} with its own after-hooks and writes its audit
 * event, all in the same transaction.
 *
 * <p>When the tenant's MFA enforcement asks for a second factor ({@code required}, or {@code optional}
 * and the user has an activated authenticator), no session is opened: the {@link Opened} carries the
 * token of an authentication session instead, and its response is the 401 {@code AuthenticationSession}
 * error (§5.4), written after the caller's transaction commits. {@code /mfa/*}{@code /authenticate}
 * completes the step through {@link #openAuthenticated}.
 */
public final class SessionOpener {

    private final AuthServices services;

    public SessionOpener(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /**
     * The outcome: a session opened for {@code user} (the user as stored afterwards, the after-hooks to
     * queue), or an MFA step due ({@code issued} empty, {@code authenticationSessionToken} set, no hooks).
     */
    public record Opened(User user, Identity identity, Optional<IssuedSession> issued,
                         Optional<String> authenticationSessionToken, List<HookEvent.Operation> afterHooks) {

        public Opened {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(issued, "issued");
            Objects.requireNonNull(authenticationSessionToken, "authenticationSessionToken");
            afterHooks = List.copyOf(afterHooks);
        }

        /** The AuthResponse of the new session, or the one that asks for the MFA step. */
        public AuthResponse toResponse() {
            return issued.map(i -> AuthResponse.withSession(user, identity, i.accessToken(), i.refreshToken(),
                            i.session().id()))
                    .orElseGet(() -> AuthResponse.authenticationSessionRequired(user, identity,
                            authenticationSessionToken.orElseThrow()));
        }
    }

    /** Opens a session, or asks for the MFA step when the tenant's enforcement wants one for this user. */
    public Opened open(TenantContext tenant, DSLContext trx, User user, Identity identity,
                       SessionCreateEvent.Reason reason, ClientConfig client, AccessEvent access,
                       HookContext hookContext) {
        if (mfaDue(tenant, trx, user)) {
            Instant now = services.now();
            String token = new AuthenticationSessionTokens(services.clock()).issue(tenant,
                    AuthenticationSession.mfaDue(tenant.appId(), client.id(), user.id(), identity.id(),
                            identity.type(), now, reason));
            return new Opened(user, identity, Optional.empty(), Optional.of(token), List.of());
        }
        return create(tenant, trx, user, identity, reason, client, access, hookContext, Optional.empty());
    }

    /**
     * Opens a session for a user who has finished every step, the last one with {@code authenticator}
     * (recorded on the session as its ACR-like facts).
     */
    public Opened openAuthenticated(TenantContext tenant, DSLContext trx, User user, Identity identity,
                                    SessionCreateEvent.Reason reason, ClientConfig client, AccessEvent access,
                                    HookContext hookContext, SessionAuthenticator authenticator) {
        return create(tenant, trx, user, identity, reason, client, access, hookContext, Optional.of(authenticator));
    }

    private Opened create(TenantContext tenant, DSLContext trx, User user, Identity identity,
                          SessionCreateEvent.Reason reason, ClientConfig client, AccessEvent access,
                          HookContext hookContext, Optional<SessionAuthenticator> authenticator) {
        Instant now = services.now();
        IssuedSession issued = services.sessions().create(tenant, trx, new SessionCreation(
                user.id(), identity.id(), identity.type(), now, client.id(), access, authenticator));
        BeforeHookResult sessionCreate = services.hooks().before(tenant, trx,
                new SessionCreateEvent(reason, user.toHookUser(), identity.toHookIdentity(),
                        issued.session().toApiModel()),
                hookContext);
        User mutated = services.mutations().apply(tenant, trx, user, sessionCreate.mutations());
        UserStore users = new UserStore(services.scope(tenant, trx));
        users.recordLogin(mutated, now);
        User stored = users.find(user.id()).orElseThrow();
        return new Opened(stored, identity, Optional.of(issued), Optional.empty(), List.of(sessionCreate.payload()));
    }

    /** §5.4: {@code required} always, {@code optional} when the user has an activated authenticator. */
    private boolean mfaDue(TenantContext tenant, DSLContext trx, User user) {
        MfaConfig mfa = tenant.config().userConfig().mfa();
        return switch (mfa.enforcement()) {
            case OFF -> false;
            case REQUIRED -> true;
            case OPTIONAL -> new AuthenticatorStore(services.scope(tenant, trx)).countActivated(user.id()) > 0;
        };
    }
}
