package io.skygear.gateway.internal.plan;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The plan's requests per minute, per app, counted in fixed one-minute windows on this node (a
 * cluster of n nodes lets up to n times the quota through; documented in docs/gateway.md).
 */
public final class RequestRateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private record Window(long start, AtomicLong count) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RequestRateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Counts one request of {@code appId}; returns 0 when it may pass, else the seconds until the
     * window ends (for {@code Retry-After}).
     */
    public long acquire(String appId, long limit) {
        long now = clock.millis();
        long start = now - Math.floorMod(now, WINDOW_MILLIS);
        Window window = windows.compute(appId, (id, w) -> w == null || w.start() != start
                ? new Window(start, new AtomicLong()) : w);
        if (window.count().incrementAndGet() <= limit) {
            return 0;
        }
        return Math.max(1, (start + WINDOW_MILLIS - now + 999) / 1000);
    }
}
