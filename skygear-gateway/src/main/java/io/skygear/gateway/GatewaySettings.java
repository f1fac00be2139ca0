package io.skygear.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Host-level settings of a {@link GatewayFilter}; build with {@link #builder()}. Validated by the
 * constructor, so the builder and {@code new GatewaySettings(…)} check the same rules.
 *
 * @param cacheTtl             how long a resolved tenant is reused without asking the config database
 *                             (changes made through the database are seen sooner: every node listens
 *                             for them)
 * @param maxCachedTenants     host names kept in the cache; beyond it the cache starts over
 * @param connectTimeout       connecting to a route backend or remote gear; past it 502
 * @param responseTimeout      waiting for a backend's response headers; past it 504
 * @param reconnectDelay       pause before listening for config changes again after the connection broke
 * @param adminKey             enables {@code /_admin/*} with this key in {@code X-Skygear-API-Key}
 * @param unmatchedToHost      a path that is neither a gear nor a deployment route goes on to the host
 *                             app's own servlets ({@code true}, default) or gets the original's 404
 *                             {@code Fail to match deployment route}
 */
public record GatewaySettings(
        Duration cacheTtl,
        int maxCachedTenants,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration reconnectDelay,
        Optional<String> adminKey,
        boolean unmatchedToHost) {

    /** @throws IllegalArgumentException naming the setting that is invalid */
    public GatewaySettings {
        requirePositive("cacheTtl", cacheTtl);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("responseTimeout", responseTimeout);
        requirePositive("reconnectDelay", reconnectDelay);
        if (maxCachedTenants < 1) {
            throw new IllegalArgumentException("maxCachedTenants: must be at least 1, got " + maxCachedTenants);
        }
        Objects.requireNonNull(adminKey, "adminKey");
        if (adminKey.isPresent() && adminKey.get().length() < 16) {
            throw new IllegalArgumentException("adminKey: must be at least 16 characters");
        }
    }

    public static GatewaySettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "GatewaySettings[cacheTtl=" + cacheTtl + ", maxCachedTenants=" + maxCachedTenants
                + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", reconnectDelay=" + reconnectDelay + ", adminKey=" + (adminKey.isPresent() ? "********" : "none")
                + ", unmatchedToHost=" + unmatchedToHost + "]";
    }

    /** Builder of {@link GatewaySettings}; defaults: TTL 60 s, 100,000 hosts, connect 5 s, response 60 s. */
    public static final class Builder {
        private Duration cacheTtl = Duration.ofSeconds(60);
        private int maxCachedTenants = 100_000;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Duration reconnectDelay = Duration.ofSeconds(1);
        private String adminKey;
        private boolean unmatchedToHost = true;

        private Builder() {
        }

        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
            return this;
        }

        public Builder maxCachedTenants(int maxCachedTenants) {
            this.maxCachedTenants = maxCachedTenants;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public Builder reconnectDelay(Duration reconnectDelay) {
            this.reconnectDelay = reconnectDelay;
            return this;
        }

        /** The key of {@code /_admin/*} (at least 16 characters); without one the admin API is off. */
        public Builder adminKey(String adminKey) {
            this.adminKey = adminKey;
            return this;
        }

        public Builder unmatchedToHost(boolean unmatchedToHost) {
            this.unmatchedToHost = unmatchedToHost;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is invalid */
        public GatewaySettings build() {
            return new GatewaySettings(cacheTtl, maxCachedTenants, connectTimeout, responseTimeout, reconnectDelay,
                    Optional.ofNullable(adminKey), unmatchedToHost);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration, got " + value);
        }
    }
}
