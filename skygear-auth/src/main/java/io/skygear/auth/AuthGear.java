package io.skygear.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.auth.internal.audit.AuditTrail;
import io.skygear.auth.internal.hook.HookDispatcher;
import io.skygear.auth.internal.hook.HookHttp;
import io.skygear.auth.internal.hook.OutboxSettings;
import io.skygear.auth.internal.hook.OutboxWorker;
import io.skygear.auth.internal.hook.UserLoader;
import io.skygear.auth.internal.http.AccessCapture;
import io.skygear.auth.internal.http.AuthHandlers;
import io.skygear.auth.internal.http.AuthServices;
import io.skygear.auth.internal.http.AuthServlet;
import io.skygear.auth.internal.http.RequestAuthenticator;
import io.skygear.auth.internal.message.Messenger;
import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.auth.internal.http.SessionCookie;
import io.skygear.auth.internal.password.PasswordHasher;
import io.skygear.auth.internal.ratelimit.RateLimiter;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.auth.internal.session.SessionSettings;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserMutations;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.message.MailSender;
import io.skygear.core.message.SmsSender;
import io.skygear.core.template.TemplateEngine;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;

/**
 * The auth gear: Skygear's {@code /_auth} API (signup, login, logout, refresh, me, …) for password
 * accounts, wire-compatible with the original, and the {@link AccessTokenFilter} that tells every other
 * servlet of the host app who is calling.
 *
 * <pre>{@code
 * AuthGear gear = AuthGear.builder().databases(DatabaseResolver.fixed(database)).build();
 * context.addFilter(new FilterHolder(new TenantFilter(resolver)), "/*", REQUEST);
 * context.addFilter(new FilterHolder(new AccessKeyFilter()), "/*", REQUEST);
 * context.addFilter(new FilterHolder(gear.accessTokenFilter()), "/*", REQUEST);
 * context.addServlet(new ServletHolder(gear.servlet()), "/_auth/*");
 * ...
 * gear.close();   // on shutdown: stops the hook delivery and the session notification listeners
 * }</pre>
 *
 * <p>The tenant's tables must be migrated ({@code Migrations} with modules {@code core} and
 * {@code auth}). Each request needs a {@code TenantContext} (core's {@code TenantFilter} or the
 * gateway) and its {@code AccessKey} ({@code AccessKeyFilter}) in front. Thread-safe.
 */
public final class AuthGear implements AutoCloseable {

    private final SessionService sessions;
    private final OutboxWorker outbox;
    private final Messenger messenger;
    private final AuthServlet servlet;
    private final AccessTokenFilter filter;

    private AuthGear(DatabaseResolver databases, AuthSettings settings, Clock clock, MeterRegistry meterRegistry) {
        AuthMetrics metrics = new AuthMetrics(meterRegistry);
        PasswordHasher hasher = new PasswordHasher();
        hasher.dummyHash(); // computed now, so that the first unknown login ID costs no more than the others
        this.sessions = new SessionService(databases, clock, new SessionSettings(settings.sessionCacheTtl(),
                SessionSettings.DEFAULTS.cacheMaxEntries(), SessionSettings.DEFAULTS.accessWriteInterval()), metrics);
        HookHttp http = new HookHttp(settings.hookConnectTimeout());
        this.outbox = new OutboxWorker(clock, http, OutboxSettings.of(settings), metrics);
        UserLoader users = (tenant, trx, userId) -> new UserStore(databases.forTenant(tenant).tenant(tenant.appId()).using(trx))
                .find(userId).map(User::toHookUser);
        AuditTrail audit = new AuditTrail(databases, clock);
        this.messenger = new Messenger(databases, clock,
                TemplateEngine.builder().fileLoader(settings.templateFileLoader()).build(),
                MailSender.builder().defaults(settings.smtpDefaults()).build(),
                SmsSender.builder().twilioDefaults(settings.twilioDefaults()).nexmoDefaults(settings.nexmoDefaults())
                        .twilioEndpoint(settings.twilioEndpoint()).nexmoEndpoint(settings.nexmoEndpoint()).build(),
                audit, OutboxSettings.forMessages(settings), metrics);
        AuthServices services = new AuthServices(databases, clock, settings, sessions, hasher,
                new HookDispatcher(databases, clock, http, users, outbox),
                new UserMutations(databases, sessions, clock),
                audit,
                new RateLimiter(databases, clock),
                messenger);
        SessionCookie cookie = new SessionCookie(settings.insecureCookie());
        AccessCapture access = new AccessCapture(clock, settings.trustForwardedHeaders());
        RequestAuthenticator authenticator = new RequestAuthenticator(sessions, cookie, access, metrics);
        this.servlet = new AuthServlet(AuthHandlers.all(services), authenticator, cookie, databases, access, metrics);
        this.filter = new AccessTokenFilter(authenticator);
        // After-hook rows left pending by a previous run are delivered now, not on the next mutation.
        databases.knownDatabases().forEach(outbox::watch);
        outbox.start();
        messenger.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code /_auth} API; mount it at {@code /_auth/*}. The same instance on every call. */
    public HttpServlet servlet() {
        return servlet;
    }

    /** The filter that publishes {@link AuthContext}; the same instance on every call. */
    public AccessTokenFilter accessTokenFilter() {
        return filter;
    }

    /** Stops the background work: after-hook delivery (undelivered events stay queued) and session listeners. */
    @Override
    public void close() {
        try {
            outbox.close();
            messenger.close();
        } finally {
            sessions.close();
        }
    }

    /** Settings of an {@link AuthGear}; {@link #databases} is required. */
    public static final class Builder {
        private DatabaseResolver databases;
        private AuthSettings settings = AuthSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry = new CompositeMeterRegistry();

        private Builder() {
        }

        /** Where each tenant's tables are, e.g. {@code DatabaseResolver.fixed(database)}. Required. */
        public Builder databases(DatabaseResolver databases) {
            this.databases = databases;
            return this;
        }

        /** Host-level settings; {@link AuthSettings#defaults()} when not set. */
        public Builder settings(AuthSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Where time comes from; the UTC system clock when not set. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Where the gear's {@code skygear.http.requests} and {@code skygear.auth.*} meters go (see
         * docs/operations.md); none when not set.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Builds the gear and starts its background work.
         *
         * @throws IllegalArgumentException naming the setting that is missing
         */
        public AuthGear build() {
            if (databases == null) {
                throw new IllegalArgumentException("databases: required, e.g. DatabaseResolver.fixed(database)");
            }
            if (settings == null) {
                throw new IllegalArgumentException("settings: must not be null");
            }
            if (clock == null) {
                throw new IllegalArgumentException("clock: must not be null");
            }
            if (meterRegistry == null) {
                throw new IllegalArgumentException("meterRegistry: must not be null");
            }
            return new AuthGear(databases, settings, clock, meterRegistry);
        }
    }
}
