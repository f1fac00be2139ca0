package io.skygear.auth.internal.sso;

import io.skygear.auth.hook.HookEvent;
import io.skygear.auth.hook.IdentityDeleteEvent;
import io.skygear.auth.hook.SessionCreateEvent;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.OAuthPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionOpener;
import io.skygear.auth.internal.sso.provider.AuthorizationRequest;
import io.skygear.auth.internal.sso.provider.OAuth2Provider;
import io.skygear.auth.internal.sso.provider.OAuthProviders;
import io.skygear.auth.internal.sso.provider.OidcMetadata;
import io.skygear.auth.internal.sso.provider.ProviderUser;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.OAuthConfig;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.core.tenant.TenantContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The OAuth flows of §3.7, free of servlet types: authorization URL, redirect to the provider, the
 * provider's callback, redeeming the authorization code, the access-token login and link, and unlink.
 * One instance per gear shares the providers' HTTP client and discovery/key caches.
 */
public final class SsoService {

    private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthServices services;
    private final OAuthProviders providers;
    private final SsoTokens tokens;
    private final SsoIdentities identities;

    /** One per gear: the SSO endpoints share it (and its provider HTTP client and caches). */
    public SsoService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
        this.providers = new OAuthProviders(services.settings().ssoProviderTimeout(), services.clock());
        this.tokens = new SsoTokens(services.clock());
        this.identities = new SsoIdentities(services);
    }

    /** The JWK sets fetched by URL (ID tokens, custom tokens), cached for the gear. */
    public OidcMetadata keys() {
        return providers.metadata();
    }

    /** What {@code login_auth_url} and {@code link_auth_url} were asked. */
    public record AuthUrlCommand(String providerId, SsoAction action, String callbackUrl, String uxMode,
                                 String codeChallenge, Optional<String> onUserDuplicate, String apiClientId,
                                 Optional<String> userId) {
    }

    /**
     * {@code login_auth_url} / {@code link_auth_url}: the gear's {@code auth_redirect} URL carrying a
     * signed state.
     */
    public String authUrl(TenantContext tenant, AuthUrlCommand command, URI base) {
        providers.get(tenant, command.providerId());
        OAuthConfig oauth = tenant.config().userConfig().sso().oauth();
        List<ValidationCause> causes = new ArrayList<>();
        if (command.codeChallenge().isEmpty()) {
            causes.add(BodyCauses.notEmpty("/code_challenge"));
        }
        if (!CallbackUrls.isAllowed(oauth.allowedCallbackUrls(), command.callbackUrl())) {
            causes.add(BodyCauses.general("/callback_url", "callback_url is not allowed"));
        }
        Optional<UxMode> uxMode = UxMode.parse(command.uxMode());
        if (uxMode.isEmpty()) {
            causes.add(BodyCauses.oneOf("/ux_mode", "ux_mode", UxMode.WIRE_NAMES));
        }
        OnUserDuplicate.Result mode = OnUserDuplicate.fromBody(command.onUserDuplicate(),
                oauth.onUserDuplicateAllowMerge(), oauth.onUserDuplicateAllowCreate());
        mode.cause().ifPresent(causes::add);
        BodyCauses.throwIfAny(causes);
        if (command.action() == SsoAction.LINK && command.userId().isEmpty()) {
            throw new SkygearException(ErrorName.UNAUTHORIZED, "NotAuthenticated", "authentication required");
        }
        SsoState state = new SsoState(command.action(), mode.mode(), command.userId(), uxMode.orElseThrow(),
                command.callbackUrl(), command.codeChallenge(), "", command.apiClientId());
        return base + "/_auth/sso/" + encode(command.providerId()) + "/auth_redirect?state="
                + encode(tokens.signState(tenant, state));
    }

    /** The provider's authorization URL and the nonce to keep in the {@code oidc_nonce} cookie. */
    public record Redirect(URI location, String nonce) {
    }

    /** {@code auth_redirect}: binds a fresh nonce to the state and sends the browser to the provider. */
    public Redirect redirect(TenantContext tenant, String providerId, String stateJwt, URI base) {
        OAuth2Provider provider = providers.get(tenant, providerId);
        SsoState state = tokens.readState(tenant, stateJwt);
        String nonce = nonce();
        String nonceHash = Pkce.hexSha256(nonce);
        String signed = tokens.signState(tenant, state.withNonceHash(nonceHash));
        URI location = provider.authorizationUri(new AuthorizationRequest(redirectUri(base, providerId), signed,
                nonceHash, state.uxMode() == UxMode.WEB_POPUP));
        return new Redirect(location, nonce);
    }

    /** What the provider sent to {@code auth_handler}. */
    public record Callback(Optional<String> code, Optional<String> state, Optional<String> error,
                           Optional<String> nonceCookie) {
    }

    /** The answer of {@code auth_handler}: a plain-text 400, or the flow's result for the callback URL. */
    public sealed interface CallbackOutcome {
    }

    /** Refused before the state could be trusted: plain text, as the original. */
    public record CallbackRefused(String message) implements CallbackOutcome {
    }

    /** The flow's authorization code, or the error it ended with; either goes to the callback URL. */
    public record CallbackResult(SsoState state, Optional<String> code, Optional<SkygearException> error)
            implements CallbackOutcome {
    }

    /** {@code auth_handler}: checks the state and nonce, asks the provider who the user is, logs in or links. */
    public CallbackOutcome callback(TenantContext tenant, String providerId, Callback callback, URI base,
                                    HookContext hooks, AuditOrigin origin) {
        OAuth2Provider provider;
        try {
            provider = providers.get(tenant, providerId);
        } catch (SkygearException e) {
            return new CallbackRefused("Unknown provider");
        }
        if (callback.state().isEmpty()) {
            return new CallbackRefused("Failed to decode/validate request");
        }
        SsoState state;
        try {
            state = tokens.readState(tenant, callback.state().get());
        } catch (SkygearException e) {
            return new CallbackRefused("Failed to decode state");
        }
        if (!CallbackUrls.isAllowed(tenant.config().userConfig().sso().oauth().allowedCallbackUrls(), state.callbackUrl())) {
            return new CallbackRefused("Invalid callback URL");
        }
        try {
            return new CallbackResult(state,
                    Optional.of(completeCallback(tenant, provider, state, callback, base, hooks, origin)), Optional.empty());
        } catch (SkygearException e) {
            return new CallbackResult(state, Optional.empty(), Optional.of(e));
        }
    }

    private String completeCallback(TenantContext tenant, OAuth2Provider provider, SsoState state, Callback callback,
                                    URI base, HookContext hooks, AuditOrigin origin) {
        String cookieHash = callback.nonceCookie().map(Pkce::hexSha256).orElse("");
        if (state.nonceHash().isEmpty() || !MessageDigest.isEqual(cookieHash.getBytes(StandardCharsets.UTF_8),
                state.nonceHash().getBytes(StandardCharsets.UTF_8))) {
            throw SsoErrors.failed(SsoErrors.Cause.Unauthorized, "invalid nonce");
        }
        if (callback.error().isPresent()) {
            throw SsoErrors.failed(SsoErrors.Cause.Unauthorized, "oauth failed");
        }
        String code = callback.code().filter(c -> !c.isEmpty())
                .orElseThrow(() -> SsoErrors.failed(SsoErrors.Cause.InvalidParams, "missing authorization code"));
        String providerId = provider.config().id();
        ProviderUser user = provider.exchangeCode(code, redirectUri(base, providerId), state.nonceHash());
        SsoIdentities.OAuth kind = new SsoIdentities.OAuth(provider.config().type().wireValue());
        return services.database(tenant).transactionResult(trx -> {
            SsoIdentities.Outcome outcome = state.action() == SsoAction.LINK
                    ? identities.link(tenant, trx.dsl(), kind, user, state.userId().orElseThrow(SsoErrors::invalidState), hooks)
                    : identities.login(tenant, trx.dsl(), kind, user, state.onUserDuplicate(), hooks);
            services.hooks().after(tenant, trx.dsl(), outcome.afterHooks(), hooks);
            if (outcome.reason() == SessionCreateEvent.Reason.SIGNUP) {
                services.audit().record(tenant, trx.dsl(), AuditEvent.of(AuditEventType.SIGNUP, outcome.user().id(), origin)
                        .withData(Map.of("type", "oauth", "provider", providerId)));
            }
            return tokens.signCode(tenant, state.action(), state.codeChallenge(), outcome.user().id(),
                    outcome.identity().id(), outcome.reason());
        });
    }

    /** What {@code auth_result} answers: a new session (login) or the linked user. */
    public sealed interface Result {
    }

    public record LoggedIn(AuthResponse response) implements Result {
    }

    public record Linked(User user) implements Result {
    }

    /**
     * {@code auth_result}: redeems the authorization code once (PKCE S256), then opens the session of a
     * login, or answers the user of a link.
     */
    public Result result(TenantContext tenant, String code, String verifier, ClientConfig client, AccessEvent access,
                         HookContext hooks, AuditOrigin origin) {
        AuthorizationCode authorization = tokens.readCode(tenant, code);
        if (!Pkce.matches(authorization.codeChallenge(), verifier)) {
            throw SsoErrors.failed(SsoErrors.Cause.InvalidCodeVerifier, "invalid code verifier");
        }
        return services.database(tenant).transactionResult(trx -> {
            if (!new UsedCodeStore(services.scope(tenant, trx.dsl()))
                    .markUsed(authorization.id(), authorization.expiresAt(), services.now())) {
                throw SsoTokens.invalidCode();
            }
            User user = new UserStore(services.scope(tenant, trx.dsl())).find(authorization.userId())
                    .orElseThrow(SsoTokens::invalidCode);
            if (user.isDisabled(services.now())) {
                throw user.disabledError();
            }
            if (authorization.action() == SsoAction.LINK) {
                return new Linked(user);
            }
            Identity identity = new PrincipalStore(services.scope(tenant, trx.dsl())).find(authorization.principalId())
                    .orElseThrow(SsoTokens::invalidCode);
            SessionOpener.Opened opened = new SessionOpener(services).open(tenant, trx.dsl(), user, identity,
                    authorization.reason(), client, access, hooks);
            services.hooks().after(tenant, trx.dsl(), opened.afterHooks(), hooks);
            services.audit().record(tenant, trx.dsl(), AuditEvent.of(AuditEventType.LOGIN_SUCCESS, user.id(), origin)
                    .withData(Map.of("type", "oauth")));
            return new LoggedIn(opened.toResponse());
        });
    }

    /**
     * {@code /sso/{provider}/login} with an access token the client got from the provider itself: the
     * same login as the redirect flow, and the same {@code on_user_duplicate} flags.
     */
    public AuthResponse loginWithAccessToken(TenantContext tenant, String providerId, String accessToken,
                                             Optional<String> onUserDuplicate, ClientConfig client, AccessEvent access,
                                             HookContext hooks, AuditOrigin origin) {
        OAuth2Provider provider = accessTokenProvider(tenant, providerId);
        OAuthConfig oauth = tenant.config().userConfig().sso().oauth();
        OnUserDuplicate.Result mode = OnUserDuplicate.fromBody(onUserDuplicate, oauth.onUserDuplicateAllowMerge(),
                oauth.onUserDuplicateAllowCreate());
        BodyCauses.throwIfAny(mode.cause().stream().toList());
        ProviderUser user = provider.userFromAccessToken(accessToken);
        SsoIdentities.OAuth kind = new SsoIdentities.OAuth(provider.config().type().wireValue());
        return services.database(tenant).transactionResult(trx -> {
            SsoIdentities.Outcome outcome = identities.login(tenant, trx.dsl(), kind, user, mode.mode(), hooks);
            return openSession(tenant, trx.dsl(), outcome, client, access, hooks, origin, "oauth");
        });
    }

    /** Opens the session of an SSO login or signup and queues its after-hooks (also used by custom tokens). */
    public AuthResponse openSession(TenantContext tenant, DSLContext trx, SsoIdentities.Outcome outcome,
                                    ClientConfig client, AccessEvent access, HookContext hooks, AuditOrigin origin,
                                    String type) {
        SessionOpener.Opened opened = new SessionOpener(services).open(tenant, trx, outcome.user(), outcome.identity(),
                outcome.reason(), client, access, hooks);
        List<HookEvent.Operation> after = new ArrayList<>(outcome.afterHooks());
        after.addAll(opened.afterHooks());
        services.hooks().after(tenant, trx, after, hooks);
        AuditEventType event = outcome.reason() == SessionCreateEvent.Reason.SIGNUP
                ? AuditEventType.SIGNUP : AuditEventType.LOGIN_SUCCESS;
        services.audit().record(tenant, trx, AuditEvent.of(event, opened.user().id(), origin).withData(Map.of("type", type)));
        return opened.toResponse();
    }

    /** {@code /sso/{provider}/link} with an access token: links the provider user to the caller. */
    public User linkWithAccessToken(TenantContext tenant, String providerId, String accessToken, String userId,
                                    HookContext hooks) {
        OAuth2Provider provider = accessTokenProvider(tenant, providerId);
        ProviderUser user = provider.userFromAccessToken(accessToken);
        SsoIdentities.OAuth kind = new SsoIdentities.OAuth(provider.config().type().wireValue());
        return services.database(tenant).transactionResult(trx -> {
            SsoIdentities.Outcome outcome = identities.link(tenant, trx.dsl(), kind, user, userId, hooks);
            services.hooks().after(tenant, trx.dsl(), outcome.afterHooks(), hooks);
            return outcome.user();
        });
    }

    /**
     * {@code /sso/{provider}/unlink}: deletes the user's identity at the provider and the sessions opened
     * with it, with {@code identity_delete}. Not the identity of the current session (400
     * {@code CurrentIdentityBeingDeleted}); none at that provider is 404 (the original answered 500).
     */
    public void unlink(TenantContext tenant, String providerId, Session current, HookContext hooks) {
        if (tenant.config().userConfig().sso().oauth().provider(providerId).isEmpty()) {
            throw SkygearException.of(ErrorName.NOT_FOUND, "unknown SSO provider");
        }
        OAuth2Provider provider = providers.get(tenant, providerId);
        List<Session> sessions = services.sessions().list(tenant, current.userId());
        services.database(tenant).transaction(trx -> {
            PrincipalStore principals = new PrincipalStore(services.scope(tenant, trx.dsl()));
            OAuthPrincipal principal = principals.findOAuthOfUser(current.userId(),
                            provider.config().type().wireValue(), provider.providerKeys())
                    .orElseThrow(() -> SkygearException.of(ErrorName.NOT_FOUND, "user has no identity at this provider"));
            if (principal.id().equals(current.principalId())) {
                throw new SkygearException(ErrorName.INVALID, "CurrentIdentityBeingDeleted", "must not delete current identity");
            }
            User user = new UserStore(services.scope(tenant, trx.dsl())).find(current.userId()).orElseThrow();
            BeforeHookResult identityDelete = services.hooks().before(tenant, trx.dsl(),
                    new IdentityDeleteEvent(user.toHookUser(), principal.toIdentity().toHookIdentity()), hooks);
            services.mutations().apply(tenant, trx.dsl(), user, identityDelete.mutations());
            principals.delete(principal.id());
            for (Session session : sessions) {
                if (session.principalId().equals(principal.id())) {
                    services.sessions().revoke(tenant, trx.dsl(), session.id());
                }
            }
            services.hooks().after(tenant, trx.dsl(), identityDelete.payload(), hooks);
        });
    }

    private OAuth2Provider accessTokenProvider(TenantContext tenant, String providerId) {
        OAuth2Provider provider = providers.get(tenant, providerId);
        if (!tenant.config().userConfig().sso().oauth().externalAccessTokenFlowEnabled()) {
            throw SkygearException.of(ErrorName.NOT_FOUND, "external access token flow is disabled");
        }
        return provider;
    }

    /** The gear's {@code auth_handler} for the provider: where the provider sends the browser back. */
    static URI redirectUri(URI base, String providerId) {
        return URI.create(base + "/_auth/sso/" + encode(providerId) + "/auth_handler");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String nonce() {
        StringBuilder nonce = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            nonce.append(NONCE_ALPHABET.charAt(RANDOM.nextInt(NONCE_ALPHABET.length())));
        }
        return nonce.toString();
    }
}
