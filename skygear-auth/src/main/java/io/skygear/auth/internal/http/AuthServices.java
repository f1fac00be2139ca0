package io.skygear.auth.internal.http;

import io.skygear.auth.AuthSettings;
import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.internal.hook.HookDispatcher;
import io.skygear.auth.internal.message.Messenger;
import io.skygear.auth.internal.password.PasswordHasher;
import io.skygear.auth.internal.ratelimit.RateLimiter;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.auth.internal.user.UserMutations;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.db.TenantScope;
import io.skygear.core.tenant.TenantContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The shared services the endpoint services are built from, created once by {@code AuthGear}.
 *
 * @param databases where each tenant's tables are
 * @param clock     every timestamp comes from here
 */
public record AuthServices(
        DatabaseResolver databases,
        Clock clock,
        AuthSettings settings,
        SessionService sessions,
        PasswordHasher hasher,
        HookDispatcher hooks,
        UserMutations mutations,
        AuditTrail audit,
        RateLimiter rateLimiter,
        Messenger messenger) {

    public AuthServices {
        Objects.requireNonNull(databases, "databases");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(hasher, "hasher");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(mutations, "mutations");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(rateLimiter, "rateLimiter");
        Objects.requireNonNull(messenger, "messenger");
    }

    /** The tenant's database. */
    public Database database(TenantContext tenant) {
        return databases.forTenant(tenant);
    }

    /** The tenant's tables inside the transaction {@code trx}. */
    public TenantScope scope(TenantContext tenant, DSLContext trx) {
        return databases.forTenant(tenant).tenant(tenant.appId()).using(trx);
    }

    /** Now, at the database's precision (microseconds), so that what is returned equals what is stored. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
