package io.skygear.assets.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * Where asset bytes live. Keys are {@code <app_id>/<asset_name>}; the gear builds and validates them,
 * but implementations must still refuse keys that would escape their root. Implementations are
 * thread-safe. Two ship with the library: {@link FileSystemStorage} (the embedded default) and
 * {@link S3Storage} (any S3-compatible store).
 */
public interface AssetStorage extends AutoCloseable {

    /**
     * Stores exactly {@code length} bytes of {@code body} with {@code metadata} under {@code key},
     * replacing any object there. Readers see the old object or the new one, never a part.
     *
     * @throws IOException when the body is shorter or longer than {@code length}, or the store fails
     */
    ObjectInfo put(String key, ObjectMetadata metadata, InputStream body, long length) throws IOException;

    /** The object's size, tag and metadata, or empty if there is none. */
    Optional<ObjectInfo> head(String key) throws IOException;

    /**
     * The bytes {@code [offset, offset + length)} of the object, or empty if there is none. The caller
     * closes the stream and keeps the range inside the size {@link #head} reported.
     */
    Optional<InputStream> open(String key, long offset, long length) throws IOException;

    /** Deletes the object; a missing object is not an error. */
    void delete(String key) throws IOException;

    /**
     * Up to {@code limit} objects whose key starts with {@code prefix}, in key order, starting after the
     * page {@code token} ended.
     */
    ObjectPage list(String prefix, Optional<String> token, int limit) throws IOException;

    /**
     * A signed request that lets a client put the object straight into the storage, valid for
     * {@code expiry}; empty when the storage cannot sign one (then the gear accepts the upload itself).
     */
    default Optional<PresignedUpload> presignPut(String key, ObjectMetadata metadata, long length, Duration expiry) {
        return Optional.empty();
    }

    /** Releases clients and connections; the default does nothing. */
    @Override
    default void close() {
    }
}
