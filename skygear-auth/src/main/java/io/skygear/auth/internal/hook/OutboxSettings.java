package io.skygear.auth.internal.hook;

import io.skygear.auth.AuthSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How the {@link OutboxWorker} delivers after-hook events.
 *
 * @param maxAttempts    deliveries of one row before it is marked dead
 * @param maxAge         a row older than this is marked dead instead of retried
 * @param initialBackoff wait after the first failure; doubles per failure, with jitter
 * @param maxBackoff     the longest wait between two attempts
 * @param pollInterval   how often the worker looks for due rows without a nudge
 * @param requestTimeout one delivery, connect to last byte
 * @param concurrency    delivery threads of one worker
 * @param retention      delivered and dead rows are deleted after this long
 */
public record OutboxSettings(
        int maxAttempts,
        Duration maxAge,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration pollInterval,
        Duration requestTimeout,
        int concurrency,
        Duration retention) {

    /** Rows are retried for at most a day and kept for a week after they are settled. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final int DEFAULT_CONCURRENCY = 4;

    public OutboxSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retention, "retention");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts: must be at least 1, got " + maxAttempts);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: must be at least 1, got " + concurrency);
        }
        for (Duration d : new Duration[] {maxAge, initialBackoff, pollInterval, requestTimeout, retention}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("outbox durations must be positive, got " + d);
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff: must not be shorter than initialBackoff");
        }
    }

    /** The host's outbox knobs, with the defaults above for what {@link AuthSettings} does not carry. */
    public static OutboxSettings of(AuthSettings settings) {
        return new OutboxSettings(settings.outboxMaxAttempts(), DEFAULT_MAX_AGE, settings.outboxInitialBackoff(),
                settings.outboxMaxBackoff(), settings.outboxPollInterval(), settings.afterHookTimeout(),
                DEFAULT_CONCURRENCY, DEFAULT_RETENTION);
    }

    /**
     * The host's outbox knobs for the message outbox: the same retries and backoff, a 60 s limit per
     * send, two sending threads, and sent rows (which keep no payload) purged after a day.
     */
    public static OutboxSettings forMessages(AuthSettings settings) {
        return new OutboxSettings(settings.outboxMaxAttempts(), DEFAULT_MAX_AGE, settings.outboxInitialBackoff(),
                settings.outboxMaxBackoff(), settings.outboxPollInterval(), Duration.ofSeconds(60), 2, Duration.ofDays(1));
    }

    /** True when a row that failed its {@code attempts}-th attempt at {@code now} is not tried again. */
    public boolean exhausted(int attempts, Instant createdAt, Instant now) {
        return attempts >= maxAttempts || !now.isBefore(createdAt.plus(maxAge));
    }

    /**
     * The wait after the {@code failures}-th failed attempt: {@code initialBackoff × 2^(failures-1)},
     * capped at {@code maxBackoff}, of which a random half is dropped ("equal jitter") so that rows
     * failing together do not retry in lockstep. {@code random} is in [0, 1).
     */
    public Duration backoff(int failures, double random) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        int shift = Math.min(Math.max(failures - 1, 0), 40);
        long full = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        long half = full / 2;
        return Duration.ofMillis(full - half + (long) (half * random));
    }
}
