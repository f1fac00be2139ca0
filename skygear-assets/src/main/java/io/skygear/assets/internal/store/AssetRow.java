package io.skygear.assets.internal.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of {@code _asset_object}.
 *
 * @param expiresAt for a pending row: when its upload URL (plus a grace period) runs out
 */
public record AssetRow(String name, long size, String contentType, String access, boolean stored,
        Optional<Instant> expiresAt) {
}
