package io.skygear.auth.internal.customtoken;

import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.http.AuthResponse;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.BodyCauses;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.sso.OnUserDuplicate;
import io.skygear.auth.internal.sso.SsoIdentities;
import io.skygear.auth.internal.sso.SsoService;
import io.skygear.auth.internal.sso.provider.ProviderUser;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.CustomTokenConfig;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Logs in (or signs up) with a JWT made by the developer's own backend (§3.7 custom token): the token's
 * {@code sub} is the identity, its {@code email} claim takes part in duplicate detection with the
 * {@code sso.custom_token} allow-flags. Attempts are rate-limited per client IP like password logins.
 */
public final class CustomTokenLoginService {

    public static final String IP_BUCKET = "custom_token:ip";

    private final AuthServices services;
    private final CustomTokenVerifier verifier;
    private final SsoIdentities identities;
    private final SsoService sso;

    public CustomTokenLoginService(AuthServices services, SsoService sso) {
        this.services = Objects.requireNonNull(services, "services");
        this.sso = Objects.requireNonNull(sso, "sso");
        this.verifier = new CustomTokenVerifier(sso.keys(), services.clock());
        this.identities = new SsoIdentities(services);
    }

    public AuthResponse login(TenantContext tenant, String token, Optional<String> onUserDuplicate, ClientConfig client,
                              AccessEvent access, HookContext hooks, AuditOrigin origin) {
        CustomTokenConfig config = tenant.config().userConfig().sso().customToken();
        OnUserDuplicate.Result mode = OnUserDuplicate.fromBody(onUserDuplicate, config.onUserDuplicateAllowMerge(),
                config.onUserDuplicateAllowCreate());
        BodyCauses.throwIfAny(mode.cause().stream().toList());
        services.rateLimiter().acquire(tenant, IP_BUCKET, access.remote().ip(), services.settings().loginLimitPerIp());
        Map<String, Object> claims = verifier.verify(config, token);
        if (!config.enabled()) {
            throw SkygearException.of(ErrorName.NOT_FOUND, "custom token is disabled");
        }
        ProviderUser user = new ProviderUser((String) claims.get("sub"), Map.of(),
                Optional.ofNullable(claims.get("email") instanceof String email ? email : null), claims, Map.of());
        return services.database(tenant).transactionResult(trx -> sso.openSession(tenant, trx.dsl(),
                identities.login(tenant, trx.dsl(), new SsoIdentities.CustomToken(), user, mode.mode(), hooks),
                client, access, hooks, origin, "custom_token"));
    }
}
