package io.skygear.auth.internal.sso;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.IdentityCreateEvent;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.auth.hook.UserCreateEvent;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.loginid.LoginIdNormalizer;
import io.skygear.auth.internal.principal.CustomTokenPrincipal;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.OAuthPrincipal;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.sso.provider.ProviderUser;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserQuota;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.auth.internal.welcome.WelcomeEmail;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Who an external user (an OAuth provider's, or a custom token's {@code sub}) is here, within the
 * caller's transaction (§3.7 login/merge and link logic):
 * <ul>
 *   <li>an identity already linked → its user, with the provider's latest profile stored;</li>
 *   <li>else, when another identity has the same e-mail address: {@code abort} → 409
 *       {@code LoginIDAlreadyUsed}; {@code merge} → the identity is added to that user (409 when the
 *       address belongs to more than one user); {@code create} → a new user;</li>
 *   <li>else a new user, with {@code before_user_create} and the welcome e-mail (when enabled and the
 *       provider gave an address).</li>
 * </ul>
 * A disabled user is refused with 403 {@code UserDisabled} (deviation 1). The caller queues
 * {@link Outcome#afterHooks()} and opens the session.
 */
public final class SsoIdentities {

    /** What the external identity is stored as. */
    public sealed interface Kind {
    }

    /** An OAuth identity of a provider type. */
    public record OAuth(String providerType) implements Kind {
    }

    /** A custom-token identity. */
    public record CustomToken() implements Kind {
    }

    /** The user found or created, the identity used, and the operation events to send after commit. */
    public record Outcome(User user, Identity identity, SessionCreateEvent.Reason reason,
                          List<HookEvent.Operation> afterHooks) {
    }

    private final AuthServices services;

    public SsoIdentities(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public Outcome login(TenantContext tenant, DSLContext trx, Kind kind, ProviderUser external, OnUserDuplicate mode,
                         HookContext hooks) {
        PrincipalStore principals = new PrincipalStore(services.scope(tenant, trx));
        UserStore users = new UserStore(services.scope(tenant, trx));
        Instant now = services.now();
        Optional<Identity> existing = refresh(principals, kind, external, now);
        if (existing.isPresent()) {
            return new Outcome(enabledUser(users, existing.get().userId(), now), existing.get(),
                    SessionCreateEvent.Reason.LOGIN, List.of());
        }
        List<String> owners = external.email()
                .map(email -> principals.findByEmailClaim(email, LoginIdNormalizer.normalize(LoginIdType.EMAIL, email),
                        PasswordPrincipal.DEFAULT_REALM))
                .orElse(List.of()).stream().map(Identity::userId).distinct().toList();
        if (!owners.isEmpty() && mode != OnUserDuplicate.CREATE) {
            if (mode == OnUserDuplicate.ABORT || owners.size() > 1) {
                throw PrincipalStore.loginIdAlreadyUsed();
            }
            User owner = enabledUser(users, owners.getFirst(), now);
            return attach(tenant, trx, principals, kind, external, owner, hooks, SessionCreateEvent.Reason.LOGIN);
        }
        UserQuota.check(tenant, services.scope(tenant, trx));
        User user = User.newUser(UUID.randomUUID().toString(), now, Map.of());
        users.create(user);
        Identity identity = create(principals, kind, external, user.id(), now);
        BeforeHookResult userCreate = services.hooks().before(tenant, trx,
                new UserCreateEvent(user.toHookUser(), List.of(identity.toHookIdentity())), hooks);
        user = services.mutations().apply(tenant, trx, user, userCreate.mutations());
        User created = user;
        external.email().ifPresent(email -> new WelcomeEmail(services).send(tenant, trx, created, email, hooks));
        return new Outcome(user, identity, SessionCreateEvent.Reason.SIGNUP, List.of(userCreate.payload()));
    }

    /**
     * Links the provider user to {@code userId}: 401 {@code SSOFailed/AlreadyLinked} when that provider
     * user is linked to anyone, or the user already has an identity at this provider.
     */
    public Outcome link(TenantContext tenant, DSLContext trx, OAuth kind, ProviderUser external, String userId,
                        HookContext hooks) {
        PrincipalStore principals = new PrincipalStore(services.scope(tenant, trx));
        UserStore users = new UserStore(services.scope(tenant, trx));
        if (principals.findOAuth(kind.providerType(), external.providerKeys(), external.providerUserId()).isPresent()
                || principals.findOAuthOfUser(userId, kind.providerType(), external.providerKeys()).isPresent()) {
            throw PrincipalStore.alreadyLinked();
        }
        User user = enabledUser(users, userId, services.now());
        return attach(tenant, trx, principals, kind, external, user, hooks, SessionCreateEvent.Reason.LOGIN);
    }

    /** A new identity of an existing user, with {@code before_identity_create}. */
    private Outcome attach(TenantContext tenant, DSLContext trx, PrincipalStore principals, Kind kind,
                           ProviderUser external, User user, HookContext hooks, SessionCreateEvent.Reason reason) {
        Identity identity = create(principals, kind, external, user.id(), services.now());
        BeforeHookResult identityCreate = services.hooks().before(tenant, trx,
                new IdentityCreateEvent(user.toHookUser(), identity.toHookIdentity()), hooks);
        User mutated = services.mutations().apply(tenant, trx, user, identityCreate.mutations());
        return new Outcome(mutated, identity, reason, List.of(identityCreate.payload()));
    }

    private static Optional<Identity> refresh(PrincipalStore principals, Kind kind, ProviderUser external, Instant now) {
        return switch (kind) {
            case OAuth oauth -> principals.findOAuth(oauth.providerType(), external.providerKeys(), external.providerUserId())
                    .map(p -> {
                        principals.updateOAuth(p.id(), external.tokenResponse(), external.rawProfile(), external.claims(), now);
                        return new OAuthPrincipal(p.id(), p.userId(), p.providerType(), p.providerKeys(),
                                p.providerUserId(), external.tokenResponse(), external.rawProfile(), external.claims())
                                .toIdentity();
                    });
            case CustomToken ignored -> principals.findCustomToken(external.providerUserId()).map(p -> {
                principals.updateCustomToken(p.id(), external.rawProfile(), external.claims());
                return new CustomTokenPrincipal(p.id(), p.userId(), p.tokenPrincipalId(), external.rawProfile(),
                        external.claims()).toIdentity();
            });
        };
    }

    private static Identity create(PrincipalStore principals, Kind kind, ProviderUser external, String userId,
                                   Instant now) {
        String id = UUID.randomUUID().toString();
        return switch (kind) {
            case OAuth oauth -> {
                OAuthPrincipal principal = new OAuthPrincipal(id, userId, oauth.providerType(), external.providerKeys(),
                        external.providerUserId(), external.tokenResponse(), external.rawProfile(), external.claims());
                principals.createOAuth(principal, now);
                yield principal.toIdentity();
            }
            case CustomToken ignored -> {
                CustomTokenPrincipal principal = new CustomTokenPrincipal(id, userId, external.providerUserId(),
                        external.rawProfile(), external.claims());
                principals.createCustomToken(principal);
                yield principal.toIdentity();
            }
        };
    }

    private static User enabledUser(UserStore users, String userId, Instant now) {
        User user = users.find(userId).orElseThrow(() -> SkygearException.of(ErrorName.NOT_FOUND, "user not found"));
        if (user.isDisabled(now)) {
            throw user.disabledError();
        }
        return user;
    }
}
