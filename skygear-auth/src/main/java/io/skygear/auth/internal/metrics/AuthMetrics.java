package io.skygear.auth.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.skygear.auth.internal.ratelimit.RateLimitExceeded;
import io.skygear.core.error.SkygearException;
import io.skygear.core.internal.metrics.HttpMetrics;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The auth gear's meters, created once per gear and handed to the few places that count. Tags are
 * bounded: endpoint templates, login methods, error reasons, rate-limit buckets, outcomes; never user
 * ids, tokens, addresses or app ids (a deployment may have any number of tenants).
 */
public final class AuthMetrics {

    /** The way-in endpoints and the login method each stands for; a session opened there is a login. */
    private static final Map<String, String> LOGIN_METHODS = Map.of(
            "login", "password",
            "sso/*/login", "sso",
            "sso/auth_result", "sso",
            "sso/custom_token/login", "custom_token",
            "mfa/totp/authenticate", "mfa",
            "mfa/oob/authenticate", "mfa",
            "mfa/recovery_code/authenticate", "mfa",
            "mfa/bearer_token/authenticate", "mfa");
    private static final String SIGNUP = "signup";
    private static final String SUCCESS = "success";

    /** How a queued delivery (hook event, message) ended this attempt. */
    public enum Delivery {
        DELIVERED("delivered"), RETRIED("retried"), FAILED("failed");

        private final String tag;

        Delivery(String tag) {
            this.tag = tag;
        }
    }

    private final HttpMetrics http;
    private final Meter.MeterProvider<Counter> signups;
    private final Meter.MeterProvider<Counter> logins;
    private final Meter.MeterProvider<Counter> tokenChecks;
    private final Meter.MeterProvider<Counter> sessionCache;
    private final Meter.MeterProvider<Counter> rateLimited;
    private final Meter.MeterProvider<Counter> hookDeliveries;
    private final Timer hookLag;
    private final Meter.MeterProvider<Counter> messages;

    public AuthMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        this.http = new HttpMetrics(registry, "auth");
        this.signups = Counter.builder("skygear.auth.signups")
                .description("Signups by result (success or error reason)").withRegistry(registry);
        this.logins = Counter.builder("skygear.auth.logins")
                .description("Logins by method and result (success or error reason)").withRegistry(registry);
        this.tokenChecks = Counter.builder("skygear.auth.token.checks")
                .description("Access token checks of requests by result").withRegistry(registry);
        this.sessionCache = Counter.builder("skygear.auth.session.cache.gets")
                .description("Session cache lookups of token checks by result").withRegistry(registry);
        this.rateLimited = Counter.builder("skygear.auth.rate.limited")
                .description("Requests refused with 429 by rate-limit bucket").withRegistry(registry);
        this.hookDeliveries = Counter.builder("skygear.auth.hook.deliveries")
                .description("After-hook delivery attempts by result").withRegistry(registry);
        this.hookLag = Timer.builder("skygear.auth.hook.delivery.lag")
                .description("From the event's commit to its delivery (the outbox backlog, in time)")
                .register(registry);
        this.messages = Counter.builder("skygear.auth.messages")
                .description("Email and SMS send attempts by channel and result").withRegistry(registry);
    }

    /** Meters nowhere: what a gear built without a registry uses. */
    public static AuthMetrics none() {
        return new AuthMetrics(new CompositeMeterRegistry());
    }

    /** One answered {@code /_auth} request: its timer and, for the ways in, the signup or login. */
    public void requestCompleted(HttpServletRequest request, HttpServletResponse response, SkygearException error,
                                 long startNanos) {
        http.record(request, response, error, startNanos);
        String endpoint = HttpMetrics.endpointOf(request);
        String result = error == null ? SUCCESS : error.reason();
        if (endpoint.equals(SIGNUP)) {
            signups.withTag("result", result).increment();
        } else {
            String method = LOGIN_METHODS.get(endpoint);
            if (method != null) {
                logins.withTags("method", method, "result", result).increment();
            }
        }
        if (error instanceof RateLimitExceeded && error.info().get("bucket") instanceof String bucket) {
            rateLimited.withTag("bucket", bucket).increment();
        }
    }

    /** A request's token check: {@code valid}, {@code invalid} (presented, not accepted) or {@code absent}. */
    public void tokenChecked(boolean presented, boolean valid) {
        tokenChecks.withTag("result", valid ? "valid" : presented ? "invalid" : "absent").increment();
    }

    /** A token check found its session in the cache ({@code hit}) or had to read the database. */
    public void sessionCacheLookup(boolean hit) {
        sessionCache.withTag("result", hit ? "hit" : "miss").increment();
    }

    /** One after-hook delivery attempt; a delivered event's lag since it was queued at {@code lag}. */
    public void hookDelivery(Delivery outcome, Duration lag) {
        hookDeliveries.withTag("result", outcome.tag).increment();
        if (outcome == Delivery.DELIVERED) {
            hookLag.record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    /** One send attempt on {@code channel} ({@code email} or {@code sms}). */
    public void message(String channel, Delivery outcome) {
        messages.withTags("channel", channel, "result", outcome == Delivery.DELIVERED ? "sent" : outcome.tag)
                .increment();
    }
}
