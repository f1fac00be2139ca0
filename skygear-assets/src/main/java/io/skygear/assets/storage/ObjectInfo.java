package io.skygear.assets.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored object as {@link AssetStorage#head} sees it.
 *
 * @param key          {@code <app_id>/<asset_name>}
 * @param size         bytes
 * @param etag         the entity tag, quoted ({@code "…"}), as served in {@code ETag}
 * @param lastModified when it was written
 * @param metadata     access and headers
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified, ObjectMetadata metadata) {

    public ObjectInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(metadata, "metadata");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
