package io.skygear.auth.internal.mfa;

import io.skygear.auth.internal.authn.AuthenticationSession;
import io.skygear.auth.internal.authn.AuthenticationSessionTokens;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.AuthzPolicy;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.message.Email;
import io.skygear.auth.internal.message.Sms;
import io.skygear.auth.internal.mfa.totp.QrCode;
import io.skygear.auth.internal.mfa.totp.Totp;
import io.skygear.auth.internal.mfa.totp.TotpKeyUri;
import io.skygear.auth.internal.principal.Identity;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionAuthenticator;
import io.skygear.auth.internal.session.SessionOpener;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.MfaConfig;
import io.skygear.core.db.TenantScope;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * MFA (§3.8): TOTP, OOB (SMS / e-mail codes, sent through the message outbox after commit) and
 * recovery-code setup, the second step of a login, and the management of a user's
 * authenticators. Every operation runs in one transaction of the tenant's database; code attempts and
 * code sends are rate-limited per user and per IP first (deviation 9).
 *
 * <ul>
 *   <li>A TOTP code is accepted once: the authenticator's last used time step moves forward atomically,
 *       so the same code (or an older one) is refused on every node.</li>
 *   <li>Completing the step of an authentication session opens the session through
 *       {@link SessionOpener#openAuthenticated}; on an existing session the session records the
 *       authenticator and its access token is rotated and returned (deviation 3).</li>
 *   <li>Recovery codes and bearer tokens are stored as hashes.</li>
 * </ul>
 */
public final class MfaService {

    public static final String USER_BUCKET = "mfa:user";
    public static final String IP_BUCKET = "mfa:ip";
    /** OOB codes are valid this long (fixed, as in the original). */
    public static final Duration OOB_CODE_LIFETIME = Duration.ofMinutes(5);
    static final String OOB_PURPOSE = "mfa_oob_code";
    static final String OOB_EMAIL_SENDER = "no-reply@skygeario.com";
    static final String OOB_EMAIL_SUBJECT = "MFA Code";

    private final AuthServices services;
    private final AuthenticationSessionTokens tokens;

    public MfaService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
        this.tokens = new AuthenticationSessionTokens(services.clock());
    }

    /** Where a completed step goes: the request's client, access and hook context. */
    public record Completion(ClientConfig client, AccessEvent access, HookContext hookContext) {
    }

    /**
     * The caller of an MFA endpoint: the session's user, else the user of {@code authnToken}, which must be
     * this tenant's, unexpired, issued to {@code clientId} and waiting for the MFA step. A {@code setup}
     * call (adding the first authenticator) accepts the token only while the user has none activated.
     *
     * @throws SkygearException 401 {@code NotAuthenticated} without session and token, or a setup token
     *     of a user who has authenticators; 400 {@code InvalidAuthenticationSession} for a bad token
     */
    public MfaCaller resolve(TenantContext tenant, Optional<Session> session, Optional<String> authnToken,
                             Optional<String> clientId, boolean setup) {
        if (session.isPresent()) {
            return MfaCaller.of(session.get());
        }
        String token = authnToken.filter(t -> !t.isEmpty()).orElseThrow(AuthzPolicy::notAuthenticated);
        AuthenticationSession authn = tokens.verify(tenant, token);
        if (!authn.nextStep().equals(Optional.of(AuthenticationSession.STEP_MFA))
                || !clientId.equals(Optional.of(authn.clientId()))) {
            throw AuthenticationSessionTokens.invalid();
        }
        if (setup && store(tenant).countActivated(authn.userId()) > 0) {
            throw AuthzPolicy.notAuthenticated();
        }
        return MfaCaller.of(authn);
    }

    /** Counts an attempt of the caller from {@code ip}: 429 {@code TooManyRequest} over the limits. */
    public void limit(TenantContext tenant, String userId, String ip) {
        services.rateLimiter().acquire(tenant, USER_BUCKET, userId, services.settings().mfaLimitPerUser());
        services.rateLimiter().acquire(tenant, IP_BUCKET, ip, services.settings().mfaLimitPerIp());
    }

    // ---- list and delete

    /** The user's activated authenticators: TOTP, then OOB, oldest first. */
    public List<Map<String, Object>> listAuthenticators(TenantContext tenant, String userId) {
        AuthenticatorStore store = store(tenant);
        List<Map<String, Object>> list = new ArrayList<>();
        store.listTotp(userId).stream().filter(TotpAuthenticator::activated).map(TotpAuthenticator::toApiModel)
                .forEach(list::add);
        store.listOob(userId).stream().filter(OobAuthenticator::activated).map(OobAuthenticator::toApiModel)
                .forEach(list::add);
        return list;
    }

    /**
     * Deletes one of the user's TOTP or OOB authenticators with its bearer tokens and codes; when no
     * activated authenticator remains, the recovery codes go too.
     *
     * @throws SkygearException 404 {@code AuthenticatorNotFound} for an id that is not this user's
     */
    public void deleteAuthenticator(TenantContext tenant, String userId, String authenticatorId) {
        services.database(tenant).transaction(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            if (!store.delete(userId, authenticatorId)) {
                throw MfaErrors.authenticatorNotFound();
            }
            if (store.countActivated(userId) == 0) {
                store.deleteRecoveryCodes(userId);
            }
        });
    }

    // ---- TOTP

    /**
     * A new, inactive TOTP authenticator (the user's previous inactive ones are dropped):
     * {@code {authenticator_id, authenticator_type, secret, otpauth_uri, qr_code_image_uri}}.
     *
     * @throws SkygearException 400 {@code InvalidMFARequest/TooManyAuthenticator} over the tenant's limits
     */
    public Map<String, Object> newTotp(TenantContext tenant, MfaCaller caller, String displayName,
                                       String accountName, Optional<String> issuer) {
        MfaConfig mfa = tenant.config().userConfig().mfa();
        String secret = Totp.newSecret();
        String id = UUID.randomUUID().toString();
        String uri = TotpKeyUri.of(secret, accountName, issuer);
        String qrCode;
        try {
            qrCode = QrCode.pngDataUri(uri);
        } catch (IllegalArgumentException e) {
            throw SkygearException.validationFailed("invalid request body",
                    List.of(BodyCauses.general("", "account_name and issuer are too long for a QR code")));
        }
        services.database(tenant).transaction(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            List<TotpAuthenticator> totps = store.listTotp(caller.userId());
            MfaLimits.checkCanAddTotp(mfa, totps, store.listOob(caller.userId()));
            totps.stream().filter(t -> !t.activated()).forEach(t -> store.delete(caller.userId(), t.id()));
            store.createTotp(new TotpAuthenticator(id, caller.userId(), false, services.now(), Optional.empty(),
                    secret, displayName));
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("authenticator_id", id);
        result.put("authenticator_type", TotpAuthenticator.TYPE);
        result.put("secret", secret);
        result.put("otpauth_uri", uri);
        result.put("qr_code_image_uri", qrCode);
        return result;
    }

    /**
     * Activates the caller's inactive TOTP authenticator with a code of it (which then counts as used);
     * the first activated authenticator comes with recovery codes: {@code {recovery_codes?}}.
     *
     * @throws SkygearException 404 {@code AuthenticatorNotFound} without inactive TOTP; 400
     *     {@code InvalidMFARequest/IncorrectCode} for a wrong code; 400 {@code TooManyAuthenticator}
     */
    public Map<String, Object> activateTotp(TenantContext tenant, MfaCaller caller, String otp, String ip) {
        limit(tenant, caller.userId(), ip);
        MfaConfig mfa = tenant.config().userConfig().mfa();
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            List<TotpAuthenticator> totps = store.listTotp(caller.userId());
            List<OobAuthenticator> oobs = store.listOob(caller.userId());
            TotpAuthenticator pending = totps.stream().filter(t -> !t.activated()).reduce((a, b) -> b)
                    .orElseThrow(MfaErrors::authenticatorNotFound);
            OptionalLong step = Totp.match(pending.secret(), otp, now);
            if (step.isEmpty()) {
                throw MfaErrors.incorrectCode();
            }
            MfaLimits.checkCanAddTotp(mfa, totps, oobs);
            boolean first = store.countActivated(caller.userId()) == 0;
            store.activateTotp(pending.id(), now);
            store.useTotpStep(pending.id(), step.getAsLong());
            return first ? Map.of("recovery_codes", newRecoveryCodes(tenant, store, caller.userId(), now)) : Map.of();
        });
    }

    /**
     * The MFA step with a TOTP code: every activated TOTP authenticator of the user is tried; the code's
     * time step is then used up.
     *
     * @throws SkygearException 401 {@code InvalidMFACode} for a wrong, expired or replayed code
     */
    public AuthResponse authenticateTotp(TenantContext tenant, MfaCaller caller, String otp,
                                         boolean requestBearerToken, Completion completion) {
        limit(tenant, caller.userId(), completion.access().remote().ip());
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            for (TotpAuthenticator totp : store.listTotp(caller.userId())) {
                OptionalLong step = totp.activated() ? Totp.match(totp.secret(), otp, now) : OptionalLong.empty();
                if (step.isPresent() && store.useTotpStep(totp.id(), step.getAsLong())) {
                    return complete(tenant, trx.dsl(), caller,
                            new SessionAuthenticator(totp.id(), TotpAuthenticator.TYPE, Optional.empty(), now),
                            requestBearerToken ? Optional.of(totp.id()) : Optional.empty(), completion);
                }
            }
            throw MfaErrors.invalidCode();
        });
    }

    // ---- OOB

    /**
     * A new, inactive OOB authenticator for {@code channel} and {@code target} (an inactive one of the same
     * target is reused, other inactive ones are dropped) and a code sent to it:
     * {@code {authenticator_id, authenticator_type, channel}}.
     *
     * @throws SkygearException 409 {@code AuthenticatorAlreadyExists} when that target is already activated;
     *     400 {@code InvalidMFARequest/TooManyAuthenticator} over the tenant's limits
     */
    public Map<String, Object> newOob(TenantContext tenant, MfaCaller caller, OobChannel channel, String target,
                                      String ip) {
        limit(tenant, caller.userId(), ip);
        MfaConfig mfa = tenant.config().userConfig().mfa();
        Instant now = services.now();
        String id = services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            List<OobAuthenticator> oobs = store.listOob(caller.userId());
            if (oobs.stream().anyMatch(o -> o.activated() && o.channel() == channel && o.target().equals(target))) {
                throw MfaErrors.authenticatorAlreadyExists();
            }
            MfaLimits.checkCanAddOob(mfa, store.listTotp(caller.userId()), oobs, channel);
            Optional<OobAuthenticator> reused = oobs.stream()
                    .filter(o -> !o.activated() && o.channel() == channel && o.target().equals(target))
                    .findFirst();
            oobs.stream().filter(o -> !o.activated() && !reused.map(r -> r.id().equals(o.id())).orElse(false))
                    .forEach(o -> store.delete(caller.userId(), o.id()));
            OobAuthenticator oob = reused.orElseGet(() -> {
                OobAuthenticator created = new OobAuthenticator(UUID.randomUUID().toString(), caller.userId(), false,
                        now, Optional.empty(), channel, channel == OobChannel.SMS ? target : "",
                        channel == OobChannel.EMAIL ? target : "");
                store.createOob(created);
                return created;
            });
            sendCode(tenant, trx.dsl(), store, oob, now);
            return oob.id();
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("authenticator_id", id);
        result.put("authenticator_type", OobAuthenticator.TYPE);
        result.put("channel", channel.wireName());
        return result;
    }

    /**
     * Sends a code to one of the caller's OOB authenticators: {@code authenticatorId}, else the only
     * activated one. A code still valid is sent again, else a new one valid for five minutes.
     *
     * @throws SkygearException 404 {@code AuthenticatorNotFound} for an id that is not the caller's; 400
     *     {@code InvalidMFARequest/AuthenticatorRequired} without id when the caller has not exactly one
     */
    public void triggerOob(TenantContext tenant, MfaCaller caller, Optional<String> authenticatorId, String ip) {
        limit(tenant, caller.userId(), ip);
        Instant now = services.now();
        services.database(tenant).transaction(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            List<OobAuthenticator> oobs = store.listOob(caller.userId());
            OobAuthenticator oob;
            if (authenticatorId.isPresent()) {
                oob = oobs.stream().filter(o -> o.id().equals(authenticatorId.get())).findFirst()
                        .orElseThrow(MfaErrors::authenticatorNotFound);
            } else {
                List<OobAuthenticator> active = oobs.stream().filter(OobAuthenticator::activated).toList();
                if (active.size() != 1) {
                    throw MfaErrors.authenticatorRequired();
                }
                oob = active.getFirst();
            }
            sendCode(tenant, trx.dsl(), store, oob, now);
        });
    }

    /**
     * Activates the caller's inactive OOB authenticator with a code sent to it (the code is used up); the
     * first activated authenticator comes with recovery codes: {@code {recovery_codes?}}.
     *
     * @throws SkygearException 404 {@code AuthenticatorNotFound} without inactive OOB; 400
     *     {@code InvalidMFARequest/IncorrectCode} for a wrong or expired code
     */
    public Map<String, Object> activateOob(TenantContext tenant, MfaCaller caller, String code, String ip) {
        limit(tenant, caller.userId(), ip);
        MfaConfig mfa = tenant.config().userConfig().mfa();
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            List<OobAuthenticator> oobs = store.listOob(caller.userId());
            OobAuthenticator pending = oobs.stream().filter(o -> !o.activated()).reduce((a, b) -> b)
                    .orElseThrow(MfaErrors::authenticatorNotFound);
            AuthenticatorStore.OobCode match = matchingCode(store, List.of(pending.id()), code, now)
                    .orElseThrow(MfaErrors::incorrectCode);
            MfaLimits.checkCanAddOob(mfa, store.listTotp(caller.userId()), oobs, pending.channel());
            boolean first = store.countActivated(caller.userId()) == 0;
            store.consumeOobCode(match.id());
            store.activateOob(pending.id(), now);
            return first ? Map.of("recovery_codes", newRecoveryCodes(tenant, store, caller.userId(), now)) : Map.of();
        });
    }

    /**
     * The MFA step with a code sent to one of the user's activated OOB authenticators; the code is used up.
     *
     * @throws SkygearException 401 {@code InvalidMFACode} for a wrong, expired or used code
     */
    public AuthResponse authenticateOob(TenantContext tenant, MfaCaller caller, String code,
                                        boolean requestBearerToken, Completion completion) {
        limit(tenant, caller.userId(), completion.access().remote().ip());
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            List<OobAuthenticator> active = store.listOob(caller.userId()).stream()
                    .filter(OobAuthenticator::activated).toList();
            AuthenticatorStore.OobCode match = matchingCode(store, active.stream().map(OobAuthenticator::id).toList(),
                    code, now).filter(c -> store.consumeOobCode(c.id())).orElseThrow(MfaErrors::invalidCode);
            OobAuthenticator oob = active.stream().filter(o -> o.id().equals(match.authenticatorId())).findFirst()
                    .orElseThrow();
            return complete(tenant, trx.dsl(), caller, new SessionAuthenticator(oob.id(), OobAuthenticator.TYPE,
                            Optional.of(oob.channel().wireName()), now),
                    requestBearerToken ? Optional.of(oob.id()) : Optional.empty(), completion);
        });
    }

    /** Sends the authenticator's valid code again, or a new one; in the transaction, so sent after commit. */
    private void sendCode(TenantContext tenant, DSLContext trx, AuthenticatorStore store, OobAuthenticator oob,
                          Instant now) {
        String code = store.validOobCodes(List.of(oob.id()), now).stream().findFirst()
                .map(AuthenticatorStore.OobCode::code)
                .orElseGet(() -> {
                    String fresh = MfaSecrets.oobCode();
                    store.createOobCode(oob.id(), fresh, now, now.plus(OOB_CODE_LIFETIME));
                    return fresh;
                });
        Map<String, Object> context = Map.of("code", code);
        switch (oob.channel()) {
            case SMS -> services.messenger().sendSms(tenant, trx,
                    Sms.of(OOB_PURPOSE, oob.userId(), oob.phone(), AuthTemplates.MFA_OOB_CODE_SMS_TXT, context));
            case EMAIL -> services.messenger().sendEmail(tenant, trx, Email.of(OOB_PURPOSE, oob.userId(), oob.email(),
                    OOB_EMAIL_SENDER, OOB_EMAIL_SUBJECT, AuthTemplates.MFA_OOB_CODE_EMAIL_TXT,
                    AuthTemplates.MFA_OOB_CODE_EMAIL_HTML, context));
        }
    }

    /** The valid code of one of {@code authenticatorIds} equal to {@code code}, compared in constant time. */
    private static Optional<AuthenticatorStore.OobCode> matchingCode(AuthenticatorStore store,
            List<String> authenticatorIds, String code, Instant now) {
        return store.validOobCodes(authenticatorIds, now).stream()
                .filter(c -> MfaSecrets.equal(c.code(), code))
                .reduce((a, b) -> a);
    }

    // ---- recovery codes

    /**
     * The MFA step with a recovery code, which is then used up.
     *
     * @throws SkygearException 401 {@code InvalidRecoveryCode} for an unknown or used code
     */
    public AuthResponse authenticateRecoveryCode(TenantContext tenant, MfaCaller caller, String code,
                                                 Completion completion) {
        limit(tenant, caller.userId(), completion.access().remote().ip());
        String hash = MfaSecrets.hash(MfaSecrets.normalizeRecoveryCode(code));
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            Optional<AuthenticatorStore.RecoveryCode> match = store.listRecoveryCodes(caller.userId()).stream()
                    .filter(c -> MfaSecrets.equal(c.hash(), hash))
                    .reduce((a, b) -> a);
            if (match.isEmpty() || match.get().consumed() || !store.consumeRecoveryCode(match.get().id())) {
                throw MfaErrors.invalidRecoveryCode();
            }
            return complete(tenant, trx.dsl(), caller, new SessionAuthenticator(match.get().id(),
                    AuthenticatorStore.TYPE_RECOVERY_CODE, Optional.empty(), now), Optional.empty(), completion);
        });
    }

    /** Replaces the user's recovery codes by {@code recovery_code.count} new ones and returns them. */
    public List<String> regenerateRecoveryCodes(TenantContext tenant, String userId) {
        return services.database(tenant).transactionResult(trx ->
                newRecoveryCodes(tenant, store(tenant, trx.dsl()), userId, services.now()));
    }

    /**
     * The user's unused recovery codes, when the tenant enables listing (codes generated while it did).
     *
     * @throws SkygearException 404 {@code NotFound} "listing recovery code is disabled"
     */
    public List<String> listRecoveryCodes(TenantContext tenant, String userId) {
        if (!tenant.config().userConfig().mfa().recoveryCode().listEnabled()) {
            throw SkygearException.of(ErrorName.NOT_FOUND, "listing recovery code is disabled");
        }
        RecoveryCodeSealer sealer = sealer(tenant);
        return store(tenant).listRecoveryCodes(userId).stream()
                .filter(c -> !c.consumed())
                .flatMap(c -> c.sealed().stream())
                .map(sealer::open)
                .toList();
    }

    // ---- bearer tokens

    /**
     * The MFA step with a bearer token from an earlier "trust this device".
     *
     * @throws SkygearException 401 {@code InvalidMFABearerToken} for an unknown or expired token
     */
    public AuthResponse authenticateBearerToken(TenantContext tenant, MfaCaller caller, String token,
                                                Completion completion) {
        limit(tenant, caller.userId(), completion.access().remote().ip());
        String hash = MfaSecrets.hash(token);
        Instant now = services.now();
        return services.database(tenant).transactionResult(trx -> {
            AuthenticatorStore store = store(tenant, trx.dsl());
            AuthenticatorStore.BearerToken match = store.validBearerTokens(caller.userId(), now).stream()
                    .filter(t -> MfaSecrets.equal(t.hash(), hash))
                    .findFirst()
                    .orElseThrow(MfaErrors::invalidBearerToken);
            return complete(tenant, trx.dsl(), caller, new SessionAuthenticator(match.id(),
                    AuthenticatorStore.TYPE_BEARER_TOKEN, Optional.empty(), now), Optional.empty(), completion);
        });
    }

    /** Deletes every bearer token of the user. */
    public void revokeAllBearerTokens(TenantContext tenant, String userId) {
        services.database(tenant).transaction(trx -> store(tenant, trx.dsl()).deleteBearerTokens(userId));
    }

    // ---- completion

    /**
     * Finishes the MFA step with {@code authenticator}: on an existing session, records it and rotates
     * the access token; else opens the session of the authentication session. With
     * {@code bearerParent}, also issues a bearer token for that TOTP/OOB authenticator.
     */
    AuthResponse complete(TenantContext tenant, DSLContext trx, MfaCaller caller, SessionAuthenticator authenticator,
                          Optional<String> bearerParent, Completion completion) {
        TenantScope scope = services.scope(tenant, trx);
        UserStore users = new UserStore(scope);
        PrincipalStore principals = new PrincipalStore(scope);
        Instant now = services.now();
        Optional<String> bearer = bearerParent.map(parent -> {
            String token = MfaSecrets.bearerToken();
            int days = tenant.config().userConfig().mfa().bearerToken().expireInDays();
            new AuthenticatorStore(scope).createBearerToken(caller.userId(), parent, MfaSecrets.hash(token), now,
                    now.plus(Duration.ofDays(days)));
            return token;
        });
        if (caller.session().isPresent()) {
            Session session = caller.session().get();
            String accessToken = services.sessions().completeWithAuthenticator(tenant, trx, session.id(), authenticator);
            User user = users.find(session.userId()).orElseThrow(AuthzPolicy::notAuthenticated);
            return new AuthResponse(user, principals.find(session.principalId()), Optional.of(accessToken),
                    Optional.empty(), Optional.of(session.id()), bearer, Optional.empty());
        }
        AuthenticationSession authn = caller.authenticationSession().orElseThrow();
        User user = users.find(authn.userId()).orElseThrow(AuthenticationSessionTokens::invalid);
        if (user.isDisabled(now)) {
            throw user.disabledError();
        }
        Identity identity = principals.find(authn.principalId()).orElseThrow(AuthenticationSessionTokens::invalid);
        SessionOpener.Opened opened = new SessionOpener(services).openAuthenticated(tenant, trx, user, identity,
                authn.reason(), completion.client(), completion.access(), completion.hookContext(), authenticator);
        services.hooks().after(tenant, trx, opened.afterHooks(), completion.hookContext());
        return opened.toResponse().withMfaBearerToken(bearer);
    }

    // ---- helpers

    private List<String> newRecoveryCodes(TenantContext tenant, AuthenticatorStore store, String userId, Instant now) {
        MfaConfig mfa = tenant.config().userConfig().mfa();
        Optional<RecoveryCodeSealer> sealer = mfa.recoveryCode().listEnabled() ? Optional.of(sealer(tenant))
                : Optional.empty();
        List<String> codes = new ArrayList<>();
        List<AuthenticatorStore.RecoveryCode> rows = new ArrayList<>();
        for (int i = 0; i < mfa.recoveryCode().count(); i++) {
            String code = MfaSecrets.recoveryCode();
            codes.add(code);
            rows.add(new AuthenticatorStore.RecoveryCode(UUID.randomUUID().toString(), MfaSecrets.hash(code),
                    sealer.map(s -> s.seal(code)), false, now));
        }
        store.replaceRecoveryCodes(userId, rows, now);
        return codes;
    }

    private static RecoveryCodeSealer sealer(TenantContext tenant) {
        return new RecoveryCodeSealer(tenant.config().userConfig().auth().authenticationSession().secret());
    }

    private AuthenticatorStore store(TenantContext tenant) {
        return new AuthenticatorStore(services.database(tenant).tenant(tenant.appId()));
    }

    private AuthenticatorStore store(TenantContext tenant, DSLContext trx) {
        return new AuthenticatorStore(services.scope(tenant, trx));
    }
}
