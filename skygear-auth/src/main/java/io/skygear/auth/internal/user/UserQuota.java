package io.skygear.auth.internal.user;

import io.skygear.core.db.TenantScope;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The plan's most users ({@code TenantQuotas.maxUsers}, set by the gateway): checked inside every
 * transaction that creates a user (signup, SSO, custom token) under a per-app advisory lock, so that
 * concurrent signups cannot overshoot it. Over the quota: 403 {@code Forbidden}, reason
 * {@code UserQuotaExceeded}.
 */
public final class UserQuota {

    private UserQuota() {
    }

    public static void check(TenantContext tenant, TenantScope scope) {
        OptionalLong max = tenant.quotas().maxUsers();
        if (max.isEmpty()) {
            return;
        }
        scope.dsl().fetch("SELECT pg_advisory_xact_lock(hashtext(?))", "skygear-user-quota:" + scope.appId());
        if (scope.dsl().fetchCount(scope.selectFrom("_core_user")) >= max.getAsLong()) {
            throw new SkygearException(ErrorName.FORBIDDEN, "UserQuotaExceeded",
                    "the app has reached the most users its plan allows", Map.of("max_users", max.getAsLong()));
        }
    }
}
