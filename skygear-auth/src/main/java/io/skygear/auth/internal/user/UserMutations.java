package io.skygear.auth.internal.user;

import io.skygear.auth.hook.Mutations;
import io.skygear.auth.internal.principal.PasswordPrincipal;
import io.skygear.auth.internal.principal.PrincipalStore;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.core.config.UserVerificationConfig;
import io.skygear.core.config.UserVerificationKeyConfig;
import io.skygear.core.config.VerificationCriteria;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.db.TenantScope;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Persists what before-hooks asked to change about a user, in the operation's transaction:
 * {@code metadata} replaces the profile data; {@code is_disabled} sets the flag and clears the disable
 * message and expiry; {@code verify_info} replaces the verification state, and without
 * {@code is_verified} the user's verified flag is recomputed by the tenant's verification criteria.
 * Changes of the disabled or verified state reach every node's session cache when the transaction commits.
 */
public final class UserMutations {

    private final DatabaseResolver databases;
    private final SessionService sessions;
    private final Clock clock;

    public UserMutations(DatabaseResolver databases, SessionService sessions, Clock clock) {
        this.databases = Objects.requireNonNull(databases, "databases");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Applies {@code mutations} to {@code user}; returns the user as stored afterwards. */
    public User apply(TenantContext tenant, DSLContext trx, User user, Mutations mutations) {
        if (mutations.empty()) {
            return user;
        }
        TenantScope scope = databases.forTenant(tenant).tenant(tenant.appId()).using(trx);
        UserStore users = new UserStore(scope);
        mutations.metadata().ifPresent(metadata -> users.updateMetadata(user.id(), metadata, clock.instant(), user.id()));
        mutations.isDisabled().ifPresent(disabled ->
                users.updateDisabled(user.id(), disabled, Optional.empty(), Optional.empty()));
        if (mutations.isVerified().isPresent() || mutations.verifyInfo().isPresent()) {
            Map<String, Boolean> verifyInfo = mutations.verifyInfo().orElse(user.verifyInfo());
            boolean verified = mutations.isVerified().orElseGet(() -> isVerified(tenant, scope, user.id(), verifyInfo));
            users.updateVerification(user.id(), verified, verifyInfo);
        }
        if (mutations.isDisabled().isPresent() || mutations.isVerified().isPresent() || mutations.verifyInfo().isPresent()) {
            sessions.evictUser(tenant, trx, user.id());
        }
        return users.find(user.id()).orElseThrow(() -> new IllegalStateException("user vanished in its transaction"));
    }

    /**
     * The verification criteria: {@code any} = some login ID of a verification key is verified;
     * {@code all} = the user has such login IDs and every one is verified. No verification keys: false.
     */
    static boolean isVerified(TenantContext tenant, TenantScope scope, String userId, Map<String, Boolean> verifyInfo) {
        UserVerificationConfig config = tenant.config().userConfig().userVerification();
        Set<String> keys = config.loginIdKeys().stream().map(UserVerificationKeyConfig::key).collect(Collectors.toSet());
        if (keys.isEmpty()) {
            return false;
        }
        List<String> loginIds = new PrincipalStore(scope).listPasswordByUser(userId).stream()
                .filter(p -> keys.contains(p.loginIdKey()))
                .map(PasswordPrincipal::loginId)
                .toList();
        return config.criteria() == VerificationCriteria.ALL
                ? !loginIds.isEmpty() && loginIds.stream().allMatch(id -> verifyInfo.getOrDefault(id, false))
                : loginIds.stream().anyMatch(id -> verifyInfo.getOrDefault(id, false));
    }
}
