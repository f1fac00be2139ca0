package io.skygear.auth;

import io.skygear.core.config.NexmoConfig;
import io.skygear.core.config.SmtpConfig;
import io.skygear.core.config.TwilioConfig;
import io.skygear.core.message.SmsSender;
import java.net.URI;
import java.time.Duration;

/**
 * Host-level settings of the auth gear: what the operator decides once for every tenant it serves.
 * Tenant-level settings (clients, lifetimes, password policy, hooks…) come from the tenant's
 * {@code TenantConfig}. {@link #defaults()} suits production; build variants with {@link #builder()}
 * or {@link #toBuilder()}.
 *
 * <pre>{@code
 * AuthSettings settings = AuthSettings.builder()
 *         .insecureCookie(true)                     // plain-HTTP development only
 *         .loginLimitPerLoginId(new AuthSettings.RateLimit(5, Duration.ofMinutes(1)))
 *         .build();
 * }</pre>
 *
 * @param insecureCookie         drop the {@code Secure} flag of the session cookie (the original's
 *                               {@code INSECURE_COOKIE}); for development over plain HTTP only
 * @param sessionCacheTtl        how long a node trusts a cached session before it reads the database
 *                               again; revocations reach every node sooner, through notifications
 * @param loginLimitPerLoginId   login attempts allowed per (folded) login ID
 * @param loginLimitPerIp        login attempts allowed per client IP address
 * @param mfaLimitPerUser        MFA code attempts (TOTP, OOB, recovery code, bearer token; activation) and
 *                               OOB code sends allowed per user
 * @param mfaLimitPerIp          the same per client IP address
 * @param outboxMaxAttempts      deliveries of an after-hook event before it is given up
 * @param outboxInitialBackoff   wait before the first retry of a failed after-hook delivery; doubles
 *                               on each further failure
 * @param outboxMaxBackoff       the longest wait between two retries
 * @param outboxPollInterval     how often the outbox worker looks for due events
 * @param hookConnectTimeout     connecting to a hook URL
 * @param afterHookTimeout       one after-hook delivery (before-hooks use the tenant's
 *                               {@code app_config.hook} timeouts)
 * @param smtpDefaults           SMTP for tenants without {@code user_config.smtp.host} (the original's
 *                               {@code DEFAULT_SMTP_*}); null for none
 * @param twilioDefaults         Twilio for tenants without Nexmo or Twilio settings; null for none
 * @param nexmoDefaults          Nexmo for tenants without Nexmo or Twilio settings; null for none
 * @param twilioEndpoint         Twilio's API base URI (tests and proxies point it elsewhere)
 * @param nexmoEndpoint          Nexmo's API base URI
 * @param templateFileLoader     let tenants' {@code template_items} read {@code file:} URIs on this host
 * @param messageLimitPerLoginId forgot-password and verification messages per login ID (e-mail or phone)
 * @param messageLimitPerIp      forgot-password and verification requests per client IP address
 * @param codeLimitPerUser       verification code attempts per user (brute force of 6-digit codes)
 * @param ssoProviderTimeout     connecting to an SSO provider and each call to it (token, user info,
 *                               discovery, keys); past it the flow fails with {@code SSOFailed/NetworkFailed}
 * @param trustForwardedHeaders  take the client IP from {@code X-Real-IP}, {@code X-Forwarded-For} or
 *                               {@code Forwarded} as the original did (true, the default: right behind a
 *                               proxy that overwrites them); false uses the peer address the container
 *                               reports — set it when clients reach the app directly, or when the container
 *                               resolves proxies itself, else per-IP limits can be dodged by a forged header
 */
public record AuthSettings(
        boolean insecureCookie,
        Duration sessionCacheTtl,
        RateLimit loginLimitPerLoginId,
        RateLimit loginLimitPerIp,
        RateLimit mfaLimitPerUser,
        RateLimit mfaLimitPerIp,
        int outboxMaxAttempts,
        Duration outboxInitialBackoff,
        Duration outboxMaxBackoff,
        Duration outboxPollInterval,
        Duration hookConnectTimeout,
        Duration afterHookTimeout,
        SmtpConfig smtpDefaults,
        TwilioConfig twilioDefaults,
        NexmoConfig nexmoDefaults,
        URI twilioEndpoint,
        URI nexmoEndpoint,
        boolean templateFileLoader,
        RateLimit messageLimitPerLoginId,
        RateLimit messageLimitPerIp,
        RateLimit codeLimitPerUser,
        Duration ssoProviderTimeout,
        boolean trustForwardedHeaders) {

    private static final AuthSettings DEFAULTS = new Builder().build();

    /**
     * At most {@code permits} events per {@code window}, per key (a login ID, an IP address…).
     *
     * @param permits at least 1
     * @param window  at least one second
     */
    public record RateLimit(int permits, Duration window) {

        public RateLimit {
            if (window == null) {
                throw new IllegalArgumentException("window: required");
            }
        }
    }

    /** @throws IllegalArgumentException naming the first setting that is missing or out of range */
    public AuthSettings {
        between("sessionCacheTtl", sessionCacheTtl, Duration.ofMillis(1), Duration.ofHours(1));
        rateLimit("loginLimitPerLoginId", loginLimitPerLoginId);
        rateLimit("loginLimitPerIp", loginLimitPerIp);
        rateLimit("mfaLimitPerUser", mfaLimitPerUser);
        rateLimit("mfaLimitPerIp", mfaLimitPerIp);
        if (outboxMaxAttempts < 1 || outboxMaxAttempts > 1000) {
            throw new IllegalArgumentException("outboxMaxAttempts: must be between 1 and 1000, got " + outboxMaxAttempts);
        }
        between("outboxInitialBackoff", outboxInitialBackoff, Duration.ofMillis(10), Duration.ofDays(1));
        between("outboxMaxBackoff", outboxMaxBackoff, outboxInitialBackoff, Duration.ofDays(7));
        between("outboxPollInterval", outboxPollInterval, Duration.ofMillis(10), Duration.ofHours(1));
        between("hookConnectTimeout", hookConnectTimeout, Duration.ofMillis(1), Duration.ofMinutes(5));
        between("afterHookTimeout", afterHookTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
        endpoint("twilioEndpoint", twilioEndpoint);
        endpoint("nexmoEndpoint", nexmoEndpoint);
        rateLimit("messageLimitPerLoginId", messageLimitPerLoginId);
        rateLimit("messageLimitPerIp", messageLimitPerIp);
        rateLimit("codeLimitPerUser", codeLimitPerUser);
        between("ssoProviderTimeout", ssoProviderTimeout, Duration.ofMillis(1), Duration.ofMinutes(5));
    }

    /**
     * Secure cookies, 10 s session cache, 10 logins per login ID and 100 per IP a minute, 10 MFA attempts
     * per user in 5 minutes and 100 per IP a minute, 10 outbox attempts.
     */
    public static AuthSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Settings of an {@link AuthSettings}, validated by {@link #build()}; starts from the defaults. */
    public static final class Builder {
        private boolean insecureCookie;
        private Duration sessionCacheTtl = Duration.ofSeconds(10);
        private RateLimit loginLimitPerLoginId = new RateLimit(10, Duration.ofMinutes(1));
        private RateLimit loginLimitPerIp = new RateLimit(100, Duration.ofMinutes(1));
        private RateLimit mfaLimitPerUser = new RateLimit(10, Duration.ofMinutes(5));
        private RateLimit mfaLimitPerIp = new RateLimit(100, Duration.ofMinutes(1));
        private int outboxMaxAttempts = 10;
        private Duration outboxInitialBackoff = Duration.ofSeconds(1);
        private Duration outboxMaxBackoff = Duration.ofMinutes(10);
        private Duration outboxPollInterval = Duration.ofSeconds(1);
        private Duration hookConnectTimeout = Duration.ofSeconds(5);
        private Duration afterHookTimeout = Duration.ofSeconds(60);
        private SmtpConfig smtpDefaults;
        private TwilioConfig twilioDefaults;
        private NexmoConfig nexmoDefaults;
        private URI twilioEndpoint = SmsSender.TWILIO_ENDPOINT;
        private URI nexmoEndpoint = SmsSender.NEXMO_ENDPOINT;
        private boolean templateFileLoader;
        private RateLimit messageLimitPerLoginId = new RateLimit(5, Duration.ofHours(1));
        private RateLimit messageLimitPerIp = new RateLimit(50, Duration.ofHours(1));
        private RateLimit codeLimitPerUser = new RateLimit(10, Duration.ofMinutes(10));
        private Duration ssoProviderTimeout = Duration.ofSeconds(10);
        private boolean trustForwardedHeaders = true;

        private Builder() {
        }

        private Builder(AuthSettings s) {
            insecureCookie = s.insecureCookie;
            sessionCacheTtl = s.sessionCacheTtl;
            loginLimitPerLoginId = s.loginLimitPerLoginId;
            loginLimitPerIp = s.loginLimitPerIp;
            mfaLimitPerUser = s.mfaLimitPerUser;
            mfaLimitPerIp = s.mfaLimitPerIp;
            outboxMaxAttempts = s.outboxMaxAttempts;
            outboxInitialBackoff = s.outboxInitialBackoff;
            outboxMaxBackoff = s.outboxMaxBackoff;
            outboxPollInterval = s.outboxPollInterval;
            hookConnectTimeout = s.hookConnectTimeout;
            afterHookTimeout = s.afterHookTimeout;
            smtpDefaults = s.smtpDefaults;
            twilioDefaults = s.twilioDefaults;
            nexmoDefaults = s.nexmoDefaults;
            twilioEndpoint = s.twilioEndpoint;
            nexmoEndpoint = s.nexmoEndpoint;
            templateFileLoader = s.templateFileLoader;
            messageLimitPerLoginId = s.messageLimitPerLoginId;
            messageLimitPerIp = s.messageLimitPerIp;
            codeLimitPerUser = s.codeLimitPerUser;
            ssoProviderTimeout = s.ssoProviderTimeout;
            trustForwardedHeaders = s.trustForwardedHeaders;
        }

        public Builder insecureCookie(boolean insecureCookie) {
            this.insecureCookie = insecureCookie;
            return this;
        }

        /** Between 1 ms and 1 hour. */
        public Builder sessionCacheTtl(Duration sessionCacheTtl) {
            this.sessionCacheTtl = sessionCacheTtl;
            return this;
        }

        public Builder loginLimitPerLoginId(RateLimit limit) {
            this.loginLimitPerLoginId = limit;
            return this;
        }

        public Builder loginLimitPerIp(RateLimit limit) {
            this.loginLimitPerIp = limit;
            return this;
        }

        public Builder mfaLimitPerUser(RateLimit limit) {
            this.mfaLimitPerUser = limit;
            return this;
        }

        public Builder mfaLimitPerIp(RateLimit limit) {
            this.mfaLimitPerIp = limit;
            return this;
        }

        public Builder outboxMaxAttempts(int outboxMaxAttempts) {
            this.outboxMaxAttempts = outboxMaxAttempts;
            return this;
        }

        public Builder outboxInitialBackoff(Duration outboxInitialBackoff) {
            this.outboxInitialBackoff = outboxInitialBackoff;
            return this;
        }

        public Builder outboxMaxBackoff(Duration outboxMaxBackoff) {
            this.outboxMaxBackoff = outboxMaxBackoff;
            return this;
        }

        public Builder outboxPollInterval(Duration outboxPollInterval) {
            this.outboxPollInterval = outboxPollInterval;
            return this;
        }

        public Builder hookConnectTimeout(Duration hookConnectTimeout) {
            this.hookConnectTimeout = hookConnectTimeout;
            return this;
        }

        public Builder afterHookTimeout(Duration afterHookTimeout) {
            this.afterHookTimeout = afterHookTimeout;
            return this;
        }

        /** SMTP for tenants that configure none; none by default. */
        public Builder smtpDefaults(SmtpConfig smtp) {
            this.smtpDefaults = smtp;
            return this;
        }

        /** Twilio for tenants that configure no SMS provider; none by default. */
        public Builder twilioDefaults(TwilioConfig twilio) {
            this.twilioDefaults = twilio;
            return this;
        }

        /** Nexmo for tenants that configure no SMS provider (preferred over Twilio); none by default. */
        public Builder nexmoDefaults(NexmoConfig nexmo) {
            this.nexmoDefaults = nexmo;
            return this;
        }

        /** Twilio's API base URI; {@code https://api.twilio.com} by default. */
        public Builder twilioEndpoint(URI endpoint) {
            this.twilioEndpoint = endpoint;
            return this;
        }

        /** Nexmo's API base URI; {@code https://rest.nexmo.com} by default. */
        public Builder nexmoEndpoint(URI endpoint) {
            this.nexmoEndpoint = endpoint;
            return this;
        }

        /** Whether tenants' {@code template_items} may read {@code file:} URIs on this host; off by default. */
        public Builder templateFileLoader(boolean templateFileLoader) {
            this.templateFileLoader = templateFileLoader;
            return this;
        }

        /** Forgot-password and verification messages per login ID; 5 an hour by default. */
        public Builder messageLimitPerLoginId(RateLimit limit) {
            this.messageLimitPerLoginId = limit;
            return this;
        }

        /** Forgot-password and verification requests per IP address; 50 an hour by default. */
        public Builder messageLimitPerIp(RateLimit limit) {
            this.messageLimitPerIp = limit;
            return this;
        }

        /** Verification code attempts per user; 10 per 10 minutes by default. */
        public Builder codeLimitPerUser(RateLimit limit) {
            this.codeLimitPerUser = limit;
            return this;
        }

        /** SSO provider calls; 10 s by default, at most 5 minutes. */
        public Builder ssoProviderTimeout(Duration timeout) {
            this.ssoProviderTimeout = timeout;
            return this;
        }

        /**
         * Whether the client IP (sessions, per-IP rate limits) comes from the forwarded headers; true by
         * default, as in the original. Set false when clients reach the app directly or the container
         * resolves trusted proxies itself (Jetty {@code ForwardedRequestCustomizer}, Tomcat
         * {@code RemoteIpValve}).
         */
        public Builder trustForwardedHeaders(boolean trustForwardedHeaders) {
            this.trustForwardedHeaders = trustForwardedHeaders;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first setting that is missing or out of range
         */
        public AuthSettings build() {
            return new AuthSettings(insecureCookie, sessionCacheTtl, loginLimitPerLoginId, loginLimitPerIp,
                    mfaLimitPerUser, mfaLimitPerIp, outboxMaxAttempts, outboxInitialBackoff, outboxMaxBackoff, outboxPollInterval,
                    hookConnectTimeout, afterHookTimeout, smtpDefaults, twilioDefaults, nexmoDefaults, twilioEndpoint,
                    nexmoEndpoint, templateFileLoader, messageLimitPerLoginId, messageLimitPerIp, codeLimitPerUser,
                    ssoProviderTimeout, trustForwardedHeaders);
        }
    }

    private static void between(String name, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + ": must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void endpoint(String name, URI uri) {
        if (uri == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(name + ": must be an absolute http(s) URI, got " + uri);
        }
    }

    private static void rateLimit(String name, RateLimit limit) {
        if (limit == null) {
            throw new IllegalArgumentException(name + ": required");
        }
        if (limit.permits() < 1) {
            throw new IllegalArgumentException(name + ": permits must be at least 1, got " + limit.permits());
        }
        if (limit.window().compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + ": window must be at least 1 s, got " + limit.window());
        }
    }
}
