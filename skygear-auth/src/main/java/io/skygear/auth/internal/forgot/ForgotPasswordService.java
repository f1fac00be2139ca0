package io.skygear.auth.internal.forgot;

import io.skygear.auth.AuthSettings;
import io.skygear.auth.hook.PasswordUpdateEvent;
import io.skygear.auth.internal.admin.TargetUser;
import io.skygear.auth.internal.audit.AuditEvent;
import io.skygear.auth.internal.audit.AuditEventType;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.BeforeHookResult;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.loginid.LoginIdNormalizer;
import io.skygear.auth.internal.message.Email;
import io.skygear.auth.internal.password.PasswordHistoryStore;
import io.skygear.auth.internal.password.PasswordPolicy;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ForgotPasswordConfig;
import io.skygear.core.config.LoginIdKeyConfig;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.config.PasswordPolicyConfig;
import io.skygear.core.db.TenantScope;
import io.skygear.core.tenant.TenantContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Forgot password (§3.5): {@link #sendResetEmails} mails a reset link to every user whose e-mail
 * login ID is the address; {@link #checkCode} and {@link #reset} verify the link's code and set the new
 * password. Requests are rate-limited per address and per IP (deviation 9).
 */
public final class ForgotPasswordService {

    static final String ID_BUCKET = "forgot_password:id";
    static final String IP_BUCKET = "forgot_password:ip";
    static final String FORM_PATH = "/_auth/forgot_password/reset_password_form";
    /** 9999-12-31T23:59:59Z: no link of ours expires later, and RFC 3339 ends there. */
    static final long LATEST_EXPIRY = 253402300799L;

    private final AuthServices services;

    public ForgotPasswordService(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    /**
     * Queues one reset e-mail per user with the e-mail login ID {@code email} (compared
     * case-insensitively), sent after commit. None: {@code secure_match} → nothing, else 404.
     *
     * @throws io.skygear.core.error.SkygearException 404 {@code UserNotFound}; 429 when rate-limited
     */
    public void sendResetEmails(TenantContext tenant, String email, String ip, HookContext hookContext,
                                List<Locale.LanguageRange> languages) {
        AuthSettings settings = services.settings();
        String folded = LoginIdNormalizer.normalize(LoginIdType.EMAIL, email);
        services.rateLimiter().acquire(tenant, IP_BUCKET, ip, settings.messageLimitPerIp());
        services.rateLimiter().acquire(tenant, ID_BUCKET, folded, settings.messageLimitPerLoginId());

        ForgotPasswordConfig config = tenant.config().userConfig().forgotPassword();
        Map<String, String> lookup = new LinkedHashMap<>();
        for (LoginIdKeyConfig key : tenant.config().userConfig().auth().loginIdKeys()) {
            if (key.type() == LoginIdType.EMAIL) {
                lookup.put(key.key(), folded);
            }
        }
        Instant expireAt = services.clock().instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(config.resetUrlLifetime());
        String base = hookContext.baseUri().map(URI::toString).orElse("");
        String masterKey = tenant.config().userConfig().masterKey();
        boolean found = services.database(tenant).transactionResult(trx -> {
            TenantScope scope = services.scope(tenant, trx.dsl());
            PrincipalStore principals = new PrincipalStore(scope);
            UserStore users = new UserStore(scope);
            Map<String, PasswordPrincipal> byUser = new LinkedHashMap<>();
            principals.findPasswordByLoginId(lookup, PasswordPrincipal.DEFAULT_REALM)
                    .forEach(p -> byUser.putIfAbsent(p.userId(), p));
            for (PasswordPrincipal principal : byUser.values()) {
                Optional<User> user = users.find(principal.userId());
                List<PasswordPrincipal> passwords = principals.listPasswordByUser(principal.userId());
                if (user.isEmpty() || passwords.isEmpty()) {
                    continue;
                }
                String code = ResetCode.of(masterKey, user.get().id(), expireAt, passwords.getFirst().passwordHash(),
                        user.get().lastLoginAt());
                String link = base + FORM_PATH + "?code=" + code + "&expire_at=" + expireAt.getEpochSecond()
                        + "&user_id=" + URLEncoder.encode(user.get().id(), StandardCharsets.UTF_8);
                Map<String, Object> context = new LinkedHashMap<>();
                context.put("appname", appName(tenant));
                context.put("link", link);
                context.put("email", principal.loginId());
                context.put("user", user.get().toApiModel());
                context.put("user_id", user.get().id());
                context.put("url_prefix", base);
                context.put("code", code);
                context.put("expire_at", expireAt.getEpochSecond());
                services.messenger().sendEmail(tenant, trx.dsl(), Email.of("forgot_password", user.get().id(),
                                principal.loginId(), config.sender(), config.subject(), AuthTemplates.FORGOT_PASSWORD_EMAIL_TXT,
                                AuthTemplates.FORGOT_PASSWORD_EMAIL_HTML, context)
                        .withReplyTo(config.replyTo())
                        .withLanguages(languages));
            }
            return !byUser.isEmpty();
        });
        if (!found && !config.secureMatch()) {
            throw TargetUser.notFound();
        }
    }

    /**
     * Checks a reset link: not expired, the user exists, has a password and {@code code} is its code.
     *
     * @throws io.skygear.core.error.SkygearException 400 {@code PasswordResetFailed} ExpiredCode / InvalidCode
     */
    public void checkCode(TenantContext tenant, String userId, String code, long expireAt) {
        TenantScope scope = services.database(tenant).tenant(tenant.appId());
        check(tenant, scope, userId, code, expireAt);
    }

    /**
     * Sets the new password of the link's user: the code is checked again in the transaction, with the
     * user locked, so that a code is used at most once even by concurrent requests; then policy, hooks
     * {@code password_update} (reason {@code reset_password}), history, audit {@code reset_password}.
     *
     * @throws io.skygear.core.error.SkygearException 400 {@code PasswordResetFailed} or {@code PasswordPolicyViolated}
     */
    public void reset(TenantContext tenant, String userId, String code, long expireAt, String password,
                      HookContext hookContext, AuditOrigin origin) {
        checkCode(tenant, userId, code, expireAt);
        PasswordPolicyConfig policyConfig = tenant.config().userConfig().passwordPolicy();
        PasswordPolicy policy = PasswordPolicy.of(policyConfig);
        policy.check(password);
        String hash = services.hasher().hash(password);

        services.database(tenant).transaction(trx -> {
            DSLContext dsl = trx.dsl();
            TenantScope tx = services.scope(tenant, dsl);
            tx.selectFrom("_core_user", DSL.field(DSL.name("id"), String.class).eq(userId)).forUpdate().fetch();
            User user = check(tenant, tx, userId, code, expireAt);
            BeforeHookResult before = services.hooks().before(tenant, dsl,
                    new PasswordUpdateEvent(PasswordUpdateEvent.Reason.RESET_PASSWORD, user.toHookUser()), hookContext);
            services.mutations().apply(tenant, dsl, user, before.mutations());
            PrincipalStore principals = new PrincipalStore(tx);
            principals.listPasswordByUser(userId).forEach(p -> principals.updatePasswordHash(p.id(), hash));
            if (policy.historyEnabled()) {
                PasswordHistoryStore history = new PasswordHistoryStore(tx, services.clock());
                history.record(userId, hash);
                history.housekeep(userId, policyConfig.historySize(), policyConfig.historyDays());
            }
            services.hooks().after(tenant, dsl, before.payload(), hookContext);
            services.audit().record(tenant, dsl, AuditEvent.of(AuditEventType.RESET_PASSWORD, userId, origin)
                    .withData(Map.of("type", "forgot_password")));
        });
    }

    /** The name e-mails and pages show: {@code forgot_password.app_name}, else the app's name. */
    static String appName(TenantContext tenant) {
        String name = tenant.config().userConfig().forgotPassword().appName();
        return name == null || name.isBlank() ? tenant.config().appName() : name;
    }

    private User check(TenantContext tenant, TenantScope scope, String userId, String code, long expireAt) {
        if (expireAt < 1 || expireAt > LATEST_EXPIRY) {
            throw ResetFailure.invalidCode();
        }
        Instant expiry = Instant.ofEpochSecond(expireAt);
        if (services.clock().instant().isAfter(expiry)) {
            throw ResetFailure.expiredCode();
        }
        Optional<User> user = new UserStore(scope).find(userId);
        List<PasswordPrincipal> passwords = user.isEmpty() ? List.of() : new PrincipalStore(scope).listPasswordByUser(userId);
        if (passwords.isEmpty()) {
            throw ResetFailure.invalidCode();
        }
        String expected = ResetCode.of(tenant.config().userConfig().masterKey(), userId, expiry,
                passwords.getFirst().passwordHash(), user.get().lastLoginAt());
        if (!ResetCode.matches(expected, code)) {
            throw ResetFailure.invalidCode();
        }
        return user.get();
    }
}
