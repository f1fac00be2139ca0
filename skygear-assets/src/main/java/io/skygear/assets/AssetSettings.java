package io.skygear.assets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Host-level settings of an {@link AssetGear}; per-tenant settings (the signing secret, the quota) come
 * from the tenant. Build with {@link #builder()}, which validates; {@link #defaults()} are the original's.
 *
 * @param maxUploadBytes     largest asset accepted (declared {@code content-length} and actual bytes); 512 MiB
 * @param uploadUrlExpiry    how long a presigned upload URL and an upload-form URL stay valid; 15 min
 * @param maxImageBytes      largest original the image pipeline processes (larger ones are served as
 *                           they are); 20 MiB
 * @param maxImagePixels     largest width × height the pipeline decodes (pixel bombs are served as they
 *                           are); 50 megapixels
 * @param listPageSize       assets per page of {@code GET /_asset/assets}; 1000
 * @param spoolDirectory     where {@code upload_form} buffers the file part before storing it; the JVM's
 *                           temporary directory
 */
public record AssetSettings(long maxUploadBytes, Duration uploadUrlExpiry, long maxImageBytes, long maxImagePixels,
        int listPageSize, Path spoolDirectory) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 512L * 1024 * 1024;
    public static final Duration DEFAULT_UPLOAD_URL_EXPIRY = Duration.ofMinutes(15);
    public static final long DEFAULT_MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    public static final int DEFAULT_LIST_PAGE_SIZE = 1000;

    public AssetSettings {
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("maxUploadBytes: must be positive, got " + maxUploadBytes);
        }
        if (uploadUrlExpiry == null) {
            throw new IllegalArgumentException("uploadUrlExpiry: required");
        }
        if (uploadUrlExpiry.compareTo(Duration.ofSeconds(1)) < 0 || uploadUrlExpiry.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("uploadUrlExpiry: must be between 1 s and 7 days, got " + uploadUrlExpiry);
        }
        if (maxImageBytes < 1) {
            throw new IllegalArgumentException("maxImageBytes: must be positive, got " + maxImageBytes);
        }
        if (maxImagePixels < 1) {
            throw new IllegalArgumentException("maxImagePixels: must be positive, got " + maxImagePixels);
        }
        if (listPageSize < 1 || listPageSize > 1000) {
            throw new IllegalArgumentException("listPageSize: must be between 1 and 1000, got " + listPageSize);
        }
        if (spoolDirectory == null) {
            throw new IllegalArgumentException("spoolDirectory: required");
        }
        // checked now rather than on the first upload_form request
        if (!Files.isDirectory(spoolDirectory) || !Files.isWritable(spoolDirectory)) {
            throw new IllegalArgumentException("spoolDirectory: must be an existing writable directory, got " + spoolDirectory);
        }
    }

    public static AssetSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().maxUploadBytes(maxUploadBytes).uploadUrlExpiry(uploadUrlExpiry)
                .maxImageBytes(maxImageBytes).maxImagePixels(maxImagePixels).listPageSize(listPageSize)
                .spoolDirectory(spoolDirectory);
    }

    /** Builds {@link AssetSettings}; every setting has a default. */
    public static final class Builder {
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private Duration uploadUrlExpiry = DEFAULT_UPLOAD_URL_EXPIRY;
        private long maxImageBytes = DEFAULT_MAX_IMAGE_BYTES;
        private long maxImagePixels = DEFAULT_MAX_IMAGE_PIXELS;
        private int listPageSize = DEFAULT_LIST_PAGE_SIZE;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder() {
        }

        public Builder maxUploadBytes(long maxUploadBytes) {
            this.maxUploadBytes = maxUploadBytes;
            return this;
        }

        public Builder uploadUrlExpiry(Duration uploadUrlExpiry) {
            this.uploadUrlExpiry = uploadUrlExpiry;
            return this;
        }

        public Builder maxImageBytes(long maxImageBytes) {
            this.maxImageBytes = maxImageBytes;
            return this;
        }

        public Builder maxImagePixels(long maxImagePixels) {
            this.maxImagePixels = maxImagePixels;
            return this;
        }

        public Builder listPageSize(int listPageSize) {
            this.listPageSize = listPageSize;
            return this;
        }

        public Builder spoolDirectory(Path spoolDirectory) {
            this.spoolDirectory = spoolDirectory;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad setting */
        public AssetSettings build() {
            return new AssetSettings(maxUploadBytes, uploadUrlExpiry, maxImageBytes, maxImagePixels, listPageSize,
                    spoolDirectory);
        }
    }
}
