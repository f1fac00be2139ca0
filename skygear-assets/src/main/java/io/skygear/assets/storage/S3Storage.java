package io.skygear.assets.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeParams;
import software.amazon.awssdk.services.s3.auth.scheme.S3AuthSchemeProvider;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Assets in one S3 bucket (AWS SDK v2), or any S3-compatible service with
 * {@link S3Config#endpoint()} and {@link S3Config#pathStyle()}. Headers are stored as the object's
 * standard headers, the access as user metadata {@code x-amz-meta-access} and the
 * {@code access-control-*} headers as user metadata without hyphens, like the original. Uploads can go
 * straight to the bucket through {@link #presignPut}. Checksums are sent only where S3 requires them,
 * which S3-compatible services accept. Close it to release its HTTP connections.
 */
public final class S3Storage implements AssetStorage {

    private static final String ACCESS = "access";
    private static final String ACCESS_CONTROL = "access-control-";
    private static final String ACCESS_CONTROL_META = "accesscontrol";

    private final S3Config config;
    private final S3Client client;
    private final S3Presigner presigner;
    private final boolean plainHttp;

    private S3Storage(S3Config config) {
        this.config = config;
        this.plainHttp = config.endpoint().map(uri -> "http".equals(uri.getScheme())).orElse(false);
        AwsCredentialsProvider credentials = config.accessKeyId()
                .<AwsCredentialsProvider>map(id -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(id, config.secretAccessKey().orElseThrow())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        S3Configuration s3 = S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .authSchemeProvider(S3Storage::plainPayload);
        config.endpoint().ifPresent(builder::endpointOverride);
        this.client = builder.build();
        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3);
        config.endpoint().ifPresent(presignerBuilder::endpointOverride);
        this.presigner = presignerBuilder.build();
    }

    /** Storage in the bucket {@code config} names; the bucket must exist. */
    public static S3Storage of(S3Config config) {
        return new S3Storage(Objects.requireNonNull(config, "config"));
    }

    public S3Config config() {
        return config;
    }

    @Override
    public ObjectInfo put(String key, ObjectMetadata metadata, InputStream body, long length) throws IOException {
        if (!plainHttp) {
            return put(key, metadata, RequestBody.fromInputStream(body, length), length);
        }
        // over plain HTTP SigV4 must sign the payload, which reads the body twice: buffer it on disk
        Path spool = Files.createTempFile("skygear-s3-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                long copied = body.transferTo(out);
                if (copied != length) {
                    throw new IOException("expected " + length + " bytes, got " + copied);
                }
            }
            return put(key, metadata, RequestBody.fromFile(spool), length);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private ObjectInfo put(String key, ObjectMetadata metadata, RequestBody body, long length) throws IOException {
        try {
            PutObjectResponse response = client.putObject(putRequest(key, metadata, length).build(), body);
            return new ObjectInfo(key, length, response.eTag(), Instant.now(), metadata);
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key) throws IOException {
        try {
            HeadObjectResponse head = client.headObject(r -> r.bucket(config.bucket()).key(key));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.eTag(), head.lastModified(),
                    metadataOf(head)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("head", key, e);
        } catch (SdkException e) {
            throw failure("head", key, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key, long offset, long length) throws IOException {
        if (length == 0) {
            return head(key).map(info -> InputStream.nullInputStream());
        }
        try {
            return Optional.of(client.getObject(r -> r.bucket(config.bucket()).key(key)
                    .range("bytes=" + offset + "-" + (offset + length - 1))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(r -> r.bucket(config.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public ObjectPage list(String prefix, Optional<String> token, int limit) throws IOException {
        try {
            ListObjectsV2Response response = client.listObjectsV2(r -> {
                r.bucket(config.bucket()).prefix(prefix).maxKeys(limit);
                token.ifPresent(r::continuationToken);
            });
            List<ObjectSummary> objects = new ArrayList<>();
            response.contents().forEach(o -> objects.add(new ObjectSummary(o.key(), o.size())));
            return new ObjectPage(objects, Boolean.TRUE.equals(response.isTruncated())
                    ? Optional.ofNullable(response.nextContinuationToken()) : Optional.empty());
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    @Override
    public Optional<PresignedUpload> presignPut(String key, ObjectMetadata metadata, long length, Duration expiry) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(r -> r
                .signatureDuration(expiry)
                .putObjectRequest(putRequest(key, metadata, length).build()));
        List<PresignedUpload.Header> headers = new ArrayList<>();
        presigned.signedHeaders().forEach((name, values) -> {
            if (!"host".equalsIgnoreCase(name)) {
                headers.add(new PresignedUpload.Header(name, String.join(",", values)));
            }
        });
        return Optional.of(new PresignedUpload(presigned.httpRequest().method().name(),
                URI.create(presigned.url().toString()), headers));
    }

    @Override
    public void close() {
        try {
            presigner.close();
        } finally {
            client.close();
        }
    }

    /**
     * SigV4 without {@code aws-chunked} bodies: uploads go as plain bodies (payload unsigned over HTTPS),
     * which every S3-compatible store understands (several do not decode aws-chunked).
     */
    private static List<AuthSchemeOption> plainPayload(S3AuthSchemeParams params) {
        return S3AuthSchemeProvider.defaultProvider().resolveAuthScheme(params).stream()
                .map(option -> option.toBuilder()
                        .putSignerProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putSignerProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
                        .build())
                .toList();
    }

    private PutObjectRequest.Builder putRequest(String key, ObjectMetadata metadata, long length) {
        Map<String, String> user = new LinkedHashMap<>();
        user.put(ACCESS, metadata.access().wireName());
        metadata.headers().forEach((name, value) -> {
            if (name.startsWith(ACCESS_CONTROL)) {
                user.put(name.replace("-", ""), value);
            }
        });
        PutObjectRequest.Builder put = PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(key)
                .contentLength(length)
                .contentType(metadata.contentType())
                .metadata(user);
        metadata.header("cache-control").ifPresent(put::cacheControl);
        metadata.header("content-disposition").ifPresent(put::contentDisposition);
        metadata.header("content-encoding").ifPresent(put::contentEncoding);
        return put;
    }

    private static ObjectMetadata metadataOf(HeadObjectResponse head) {
        Map<String, String> headers = new LinkedHashMap<>();
        putIfPresent(headers, "content-type", head.contentType());
        putIfPresent(headers, "cache-control", head.cacheControl());
        putIfPresent(headers, "content-disposition", head.contentDisposition());
        putIfPresent(headers, "content-encoding", head.contentEncoding());
        String access = null;
        for (Map.Entry<String, String> e : head.metadata().entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(ACCESS)) {
                access = e.getValue();
            } else if (name.startsWith(ACCESS_CONTROL_META)) {
                headers.put(accessControlHeader(name), e.getValue());
            }
        }
        return new ObjectMetadata(AssetAccess.fromMetadata(access), headers);
    }

    /** {@code accesscontrolalloworigin} → {@code access-control-allow-origin}, for the six names the gear stores. */
    private static String accessControlHeader(String meta) {
        String rest = meta.substring(ACCESS_CONTROL_META.length());
        for (String known : List.of("allow-origin", "expose-headers", "max-age", "allow-credentials",
                "allow-methods", "allow-headers")) {
            if (known.replace("-", "").equals(rest)) {
                return ACCESS_CONTROL + known;
            }
        }
        return ACCESS_CONTROL + rest;
    }

    private static void putIfPresent(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isEmpty()) {
            headers.put(name, value);
        }
    }

    private IOException failure(String operation, String key, SdkException e) {
        return new IOException("S3 " + operation + " of " + key + " in bucket " + config.bucket() + " failed: "
                + e.getMessage(), e);
    }
}
