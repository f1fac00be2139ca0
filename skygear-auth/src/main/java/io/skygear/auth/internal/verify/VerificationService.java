package io.skygear.auth.internal.verify;

import io.skygear.auth.AuthSettings;
import io.skygear.auth.hook.UserUpdateEvent;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.loginid.LoginId;
import io.skygear.auth.internal.loginid.LoginIdNormalizer;
import io.skygear.auth.internal.message.Email;
import io.skygear.auth.internal.message.Sms;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.config.UserVerificationConfig;
import io.skygear.core.config.UserVerificationKeyConfig;
import io.skygear.core.config.VerificationCriteria;
import io.skygear.core.db.TenantScope;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * User verification (§3.6): codes sent by e-mail or SMS for the login ID keys of
 * {@code user_verification.login_id_keys} ({@link #request}, and {@link #sendOnSignup} in the signup
 * transaction), checked by {@link #verify}. Only the latest code of each login ID counts (the original
 * kept only the user's latest, so the e-mail code of a signup that also texted a phone was dead at
 * once); it works once, until its key's {@code expiry}. Requests are rate-limited per login ID and per
 * IP, code attempts per user.
 */
public final class VerificationService {

    static final String ID_BUCKET = "verify_request:id";
    static final String IP_BUCKET = "verify_request:ip";
    static final String CODE_BUCKET = "verify_code:user";
    static final String FORM_PATH = "/_auth/verify_code_form";

    private final AuthServices services;

    public VerificationService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /** What a successful verification changed. */
    public record Verified(String loginIdKey, String loginId) {
    }

    /**
     * Sends a new code for {@code loginId} of type {@code type}, one of {@code user}'s login IDs of a
     * verifiable key.
     *
     * @throws io.skygear.core.error.SkygearException 400 {@code General /login_id} when it is not the
     *                                                user's or cannot be verified; 429 when rate-limited
     */
    public void request(TenantContext tenant, User user, LoginIdType type, String loginId, String ip,
                        HookContext hookContext, List<Locale.LanguageRange> languages) {
        AuthSettings settings = services.settings();
        String folded = LoginIdNormalizer.normalize(type, loginId);
        services.rateLimiter().acquire(tenant, IP_BUCKET, ip, settings.messageLimitPerIp());
        services.rateLimiter().acquire(tenant, ID_BUCKET, type.name() + ":" + folded, settings.messageLimitPerLoginId());
        services.database(tenant).transaction(trx -> {
            PrincipalStore principals = new PrincipalStore(services.scope(tenant, trx.dsl()));
            PasswordPrincipal principal = principals.listPasswordByUser(user.id()).stream()
                    .filter(p -> keyType(tenant, p.loginIdKey()) == type)
                    .filter(p -> LoginIdNormalizer.normalize(type, p.loginId()).equals(folded))
                    .findFirst()
                    .orElseThrow(() -> invalidLoginId("login ID is not owned by this user"));
            UserVerificationKeyConfig key = keyConfig(tenant, principal.loginIdKey())
                    .orElseThrow(() -> invalidLoginId("login ID key is not verifiable"));
            send(tenant, trx.dsl(), user, new LoginId(principal.loginIdKey(), principal.loginId()), key, hookContext, languages);
        });
    }

    /**
     * When {@code auto_send_on_signup} is on: a code for each of the new user's login IDs of a
     * verifiable e-mail or phone key, queued in the signup transaction {@code trx}.
     */
    public void sendOnSignup(TenantContext tenant, DSLContext trx, User user, List<LoginId> loginIds,
                             HookContext hookContext) {
        if (!tenant.config().userConfig().userVerification().autoSendOnSignup()) {
            return;
        }
        for (LoginId loginId : loginIds) {
            Optional<UserVerificationKeyConfig> key = keyConfig(tenant, loginId.key());
            LoginIdType type = keyType(tenant, loginId.key());
            if (key.isPresent() && (type == LoginIdType.EMAIL || type == LoginIdType.PHONE)) {
                send(tenant, trx, user, loginId, key.get(), hookContext, List.of());
            }
        }
    }

    private void send(TenantContext tenant, DSLContext trx, User user, LoginId principal,
                      UserVerificationKeyConfig key, HookContext hookContext, List<Locale.LanguageRange> languages) {
        String code = VerifyCodes.generate(key.codeFormat());
        new VerifyCodeStore(services.scope(tenant, trx)).create(user.id(), principal.key(), principal.value(),
                code, services.now());
        String base = hookContext.baseUri().map(URI::toString).orElse("");
        String link = base + FORM_PATH + "?code=" + code + "&user_id=" + URLEncoder.encode(user.id(), StandardCharsets.UTF_8);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("appname", tenant.config().appName());
        context.put("login_id_key", principal.key());
        context.put("login_id", principal.value());
        context.put("user", user.toApiModel());
        context.put("user_id", user.id());
        context.put("code", code);
        context.put("link", link);
        if (keyType(tenant, principal.key()) == LoginIdType.PHONE) {
            services.messenger().sendSms(tenant, trx, Sms.of("user_verification", user.id(), principal.value(),
                    AuthTemplates.USER_VERIFICATION_SMS_TXT, context).withTemplateKey(principal.key()).withLanguages(languages));
        } else {
            services.messenger().sendEmail(tenant, trx, Email.of("user_verification", user.id(), principal.value(),
                            key.sender(), key.subject(), AuthTemplates.USER_VERIFICATION_EMAIL_TXT,
                            AuthTemplates.USER_VERIFICATION_EMAIL_HTML, context)
                    .withReplyTo(key.replyTo()).withTemplateKey(principal.key()).withLanguages(languages));
        }
    }

    /**
     * Checks {@code code} against {@code userId}'s latest code of each login ID and, when it holds, marks the login ID
     * verified and recomputes the user's verified state by {@code criteria} (hook {@code user_update},
     * reason {@code verification}).
     *
     * @throws io.skygear.core.error.SkygearException 400 {@code UserVerificationFailed} InvalidCode /
     *                                                UsedCode / ExpiredCode; 429 when rate-limited
     */
    public Verified verify(TenantContext tenant, String userId, String code, HookContext hookContext) {
        services.rateLimiter().acquire(tenant, CODE_BUCKET, userId, services.settings().codeLimitPerUser());
        return services.database(tenant).transactionResult(trx -> {
            DSLContext dsl = trx.dsl();
            TenantScope scope = services.scope(tenant, dsl);
            VerifyCodeStore codes = new VerifyCodeStore(scope);
            VerifyCodeStore.Code latest = null;
            for (VerifyCodeStore.Code candidate : codes.latestPerLoginIdForUpdate(userId)) {
                // every candidate is compared, so that the time taken does not tell which matched
                if (VerifyCodes.matches(candidate.code(), code) && latest == null) {
                    latest = candidate;
                }
            }
            if (latest == null) {
                throw VerifyFailure.invalidCode();
            }
            if (latest.consumed()) {
                throw VerifyFailure.usedCode();
            }
            PrincipalStore principals = new PrincipalStore(scope);
            List<PasswordPrincipal> passwords = principals.listPasswordByUser(userId);
            VerifyCodeStore.Code matched = latest;
            boolean stillOwned = passwords.stream().anyMatch(p -> p.loginIdKey().equals(matched.loginIdKey())
                    && p.loginId().equals(matched.loginId()));
            UserStore users = new UserStore(scope);
            Optional<User> found = users.find(userId);
            if (!stillOwned || found.isEmpty()) {
                throw VerifyFailure.invalidCode();
            }
            int expiry = keyConfig(tenant, latest.loginIdKey()).map(UserVerificationKeyConfig::expiry).orElse(3600);
            if (latest.createdAt().plusSeconds(expiry).isBefore(services.clock().instant())) {
                throw VerifyFailure.expiredCode();
            }
            codes.consume(latest.id());

            User user = found.get();
            Map<String, Boolean> verifyInfo = new LinkedHashMap<>(user.verifyInfo());
            verifyInfo.put(latest.loginId(), true);
            boolean verified = verified(tenant.config().userConfig().userVerification(), passwords, verifyInfo);
            BeforeHookResult before = services.hooks().before(tenant, dsl,
                    UserUpdateEvent.verification(user.toHookUser(), verified, verifyInfo), hookContext);
            users.updateVerification(userId, verified, verifyInfo);
            User updated = users.find(userId).orElseThrow();
            services.mutations().apply(tenant, dsl, updated, before.mutations());
            services.hooks().after(tenant, dsl, before.payload(), hookContext);
            return new Verified(latest.loginIdKey(), latest.loginId());
        });
    }

    /** The login ID key of {@code userId}'s latest code, for pages that depend on it. */
    public Optional<String> latestKey(TenantContext tenant, String userId) {
        return services.database(tenant).transactionResult(trx ->
                new VerifyCodeStore(services.scope(tenant, trx.dsl())).latestForUpdate(userId).map(VerifyCodeStore.Code::loginIdKey));
    }

    /**
     * The criteria: {@code any} → some login ID of a verifiable key is verified; {@code all} → there is
     * one and every one is. No verifiable key → not verified.
     */
    static boolean verified(UserVerificationConfig config, List<PasswordPrincipal> principals, Map<String, Boolean> verifyInfo) {
        Set<String> keys = config.loginIdKeys().stream().map(UserVerificationKeyConfig::key).collect(Collectors.toSet());
        List<PasswordPrincipal> verifiable = principals.stream().filter(p -> keys.contains(p.loginIdKey())).toList();
        if (verifiable.isEmpty()) {
            return false;
        }
        if (config.criteria() == VerificationCriteria.ALL) {
            return verifiable.stream().allMatch(p -> verifyInfo.getOrDefault(p.loginId(), false));
        }
        return verifiable.stream().anyMatch(p -> verifyInfo.getOrDefault(p.loginId(), false));
    }

    private static SkygearException invalidLoginId(String message) {
        return SkygearException.validationFailed("invalid request body", List.of(BodyCauses.general("/login_id", message)));
    }

    static Optional<UserVerificationKeyConfig> keyConfig(TenantContext tenant, String key) {
        return tenant.config().userConfig().userVerification().loginIdKeys().stream()
                .filter(k -> k.key().equals(key)).findFirst();
    }

    private static LoginIdType keyType(TenantContext tenant, String key) {
        return tenant.config().userConfig().auth().loginIdKeys().stream().filter(k -> k.key().equals(key))
                .map(LoginIdKeyConfig::type).findFirst().orElse(LoginIdType.RAW);
    }
}
