package io.skygear.auth.internal.welcome;

import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.loginid.LoginId;
import io.skygear.auth.internal.message.Email;
import io.skygear.auth.internal.template.AuthTemplates;
import io.skygear.auth.internal.user.User;
import io.skygear.core.config.LoginIdType;
import io.skygear.core.config.WelcomeEmailConfig;
import io.skygear.core.config.WelcomeEmailDestination;
import io.skygear.core.tenant.TenantContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The welcome e-mail of {@code user_config.welcome_email}: when enabled, queued in the signup
 * transaction to the first e-mail login ID ({@code destination: first}) or to every one ({@code all}).
 */
public final class WelcomeEmail {

    private final AuthServices services;

    public WelcomeEmail(AuthServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public void send(TenantContext tenant, DSLContext trx, User user, List<LoginId> loginIds, HookContext hookContext) {
        WelcomeEmailConfig config = tenant.config().userConfig().welcomeEmail();
        if (!config.enabled()) {
            return;
        }
        List<String> emails = loginIds.stream().filter(id -> isEmail(tenant, id.key())).map(LoginId::value).distinct().toList();
        if (config.destination() != WelcomeEmailDestination.ALL && !emails.isEmpty()) {
            emails = emails.subList(0, 1);
        }
        deliver(tenant, trx, config, user, emails, hookContext);
    }

    /** The welcome e-mail of an SSO or custom-token signup, to the address the provider gave. */
    public void send(TenantContext tenant, DSLContext trx, User user, String email, HookContext hookContext) {
        WelcomeEmailConfig config = tenant.config().userConfig().welcomeEmail();
        if (config.enabled()) {
            deliver(tenant, trx, config, user, List.of(email), hookContext);
        }
    }

    private void deliver(TenantContext tenant, DSLContext trx, WelcomeEmailConfig config, User user, List<String> emails,
                         HookContext hookContext) {
        String base = hookContext.baseUri().map(URI::toString).orElse("");
        for (String email : emails) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("appname", tenant.config().appName());
            context.put("email", email);
            context.put("user", user.toApiModel());
            context.put("url_prefix", base);
            services.messenger().sendEmail(tenant, trx, Email.of("welcome_email", user.id(), email, config.sender(),
                    config.subject(), AuthTemplates.WELCOME_EMAIL_TXT, AuthTemplates.WELCOME_EMAIL_HTML, context)
                    .withReplyTo(config.replyTo()));
        }
    }

    private static boolean isEmail(TenantContext tenant, String key) {
        return tenant.config().userConfig().auth().loginIdKeys().stream()
                .anyMatch(k -> k.key().equals(key) && k.type() == LoginIdType.EMAIL);
    }
}
