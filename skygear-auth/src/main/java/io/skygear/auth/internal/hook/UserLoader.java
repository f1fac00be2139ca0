package io.skygear.auth.internal.hook;

import io.skygear.auth.hook.HookUser;
import io.skygear.core.tenant.TenantContext;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reads a user as stored now, inside the caller's transaction, for the {@code user_sync} event. */
@FunctionalInterface
public interface UserLoader {

    /** The user with {@code userId}, or empty if it no longer exists (then no user_sync is sent). */
    Optional<HookUser> load(TenantContext tenant, DSLContext trx, String userId);
}
