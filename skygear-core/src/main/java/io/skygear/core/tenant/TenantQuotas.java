package io.skygear.core.tenant;

import java.util.OptionalLong;

/**
 * Limits a tenant's plan puts on it; each gear enforces its own (auth: users, assets: stored bytes,
 * gateway: requests per minute). Empty means unlimited, which is what a tenant without a plan gets.
 *
 * @param maxUsers          most users the tenant may have
 * @param maxAssetBytes     most bytes of assets the tenant may store
 * @param requestsPerMinute most requests per minute the gateway lets through for the tenant
 */
public record TenantQuotas(OptionalLong maxUsers, OptionalLong maxAssetBytes, OptionalLong requestsPerMinute) {

    private static final TenantQuotas UNLIMITED =
            new TenantQuotas(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    public TenantQuotas {
        requirePositive("maxUsers", maxUsers);
        requirePositive("maxAssetBytes", maxAssetBytes);
        requirePositive("requestsPerMinute", requestsPerMinute);
    }

    public static TenantQuotas unlimited() {
        return UNLIMITED;
    }

    private static void requirePositive(String name, OptionalLong value) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value.getAsLong());
        }
    }
}
