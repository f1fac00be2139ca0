package io.skygear.auth.internal.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Host-level knobs of the session cache (tenant-level lifetimes come from each client's config).
 *
 * @param cacheTtl how long a resolved token is trusted without the database; also the upper bound on
 *     how stale a cached session can be if a revocation notification is ever lost
 * @param cacheMaxEntries tokens kept per node
 * @param accessWriteInterval at most one {@code accessed_at}/{@code last_access} write per session per
 *     interval (capped to a tenth of the client's idle timeout, so that other nodes' idle checks stay exact
 *     to within that tenth)
 */
public record SessionSettings(Duration cacheTtl, int cacheMaxEntries, Duration accessWriteInterval) {

    public static final SessionSettings DEFAULTS =
            new SessionSettings(Duration.ofSeconds(30), 100_000, Duration.ofSeconds(60));

    public SessionSettings {
        requirePositive(cacheTtl, "cacheTtl");
        requirePositive(accessWriteInterval, "accessWriteInterval");
        if (cacheMaxEntries < 1) {
            throw new IllegalArgumentException("cacheMaxEntries: must be at least 1, got " + cacheMaxEntries);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be positive, got " + d);
        }
    }
}
