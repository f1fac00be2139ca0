package io.skygear.assets.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where {@link S3Storage} keeps assets.
 *
 * @param bucket          the bucket shared by all tenants (keys are prefixed with the app id)
 * @param region          e.g. {@code us-east-1}
 * @param endpoint        another S3-compatible service (MinIO, Ceph, …); empty for AWS
 * @param pathStyle       {@code http://host/bucket/key} URLs instead of {@code http://bucket.host/key};
 *                        most S3-compatible services need it
 * @param accessKeyId     static credentials; empty to use the AWS default chain (environment, profile, role)
 * @param secretAccessKey goes with {@code accessKeyId}
 */
public record S3Config(String bucket, String region, Optional<URI> endpoint, boolean pathStyle,
        Optional<String> accessKeyId, Optional<String> secretAccessKey) {

    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Config {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket: required");
        }
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("bucket: must be an S3 bucket name (3 to 63 lower-case letters, digits, "
                    + "dots and hyphens, starting and ending with a letter or digit), got '" + bucket + "'");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("region: required, e.g. us-east-1");
        }
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey: give both or neither");
        }
        if (accessKeyId.filter(String::isBlank).isPresent() || secretAccessKey.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey: must not be blank (leave both unset "
                    + "for the AWS default credential chain)");
        }
        endpoint.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint: must be an http(s) URL with a host, got " + uri);
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "S3Config[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint
                + ", pathStyle=" + pathStyle + ", accessKeyId=" + accessKeyId.map(k -> "****").orElse("(default chain)") + "]";
    }

    /** Builds an {@link S3Config}; {@link #bucket} and {@link #region} are required. */
    public static final class Builder {
        private String bucket;
        private String region;
        private URI endpoint;
        private boolean pathStyle;
        private String accessKeyId;
        private String secretAccessKey;

        private Builder() {
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** An S3-compatible endpoint, e.g. {@code http://localhost:9000}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder credentials(String accessKeyId, String secretAccessKey) {
            this.accessKeyId = accessKeyId;
            this.secretAccessKey = secretAccessKey;
            return this;
        }

        /** @throws IllegalArgumentException naming the bad setting */
        public S3Config build() {
            return new S3Config(bucket, region, Optional.ofNullable(endpoint), pathStyle,
                    Optional.ofNullable(accessKeyId), Optional.ofNullable(secretAccessKey));
        }
    }
}
