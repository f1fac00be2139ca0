package io.skygear.assets.internal.http;

import io.skygear.assets.internal.download.ByteRange;
import io.skygear.assets.internal.download.EntityTags;
import io.skygear.assets.internal.download.ImageVariants;
import io.skygear.assets.internal.image.ImagePipeline;
import io.skygear.assets.internal.image.ProcessedImage;
import io.skygear.assets.internal.metrics.AssetMetrics;
import io.skygear.assets.internal.signing.HttpSigner;
import io.skygear.assets.internal.signing.QueryString;
import io.skygear.assets.internal.upload.AssetNames;
import io.skygear.assets.storage.AssetAccess;
import io.skygear.assets.storage.ObjectInfo;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|HEAD /get/<name>}: streams an asset. A signature in the query (any {@code pipeline}
 * parameter excluded, so any pipeline may be appended to a signed URL) is verified when present;
 * private assets need one (401 with no body otherwise). {@code ETag} + {@code If-None-Match} give 304,
 * {@code Range} (originals only) gives 206/416; {@code pipeline=image/…} serves a processed variant
 * with its own tag, or the original when processing is not possible.
 */
final class DownloadHandler {

    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String PIPELINE = "pipeline";

    private final AssetServices services;

    DownloadHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant, String name)
            throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        Map<String, List<String>> query = QueryString.parse(request.getQueryString());
        Optional<String> pipelineParam = Optional.ofNullable(query.remove(PIPELINE)).map(List::getFirst);
        boolean signed = HttpSigner.isSigned(query);
        if (signed) {
            RequestOrigin origin = RequestOrigin.of(request);
            HttpSigner.verify(tenant.config().userConfig().asset().secret(), new HttpSigner.SignedRequest(
                    request.getMethod(), origin.host(), origin.basePath() + Routes.GET + name, query),
                    services.clock().instant());
        }
        AssetNames.require(name);
        String key = AssetNames.key(tenant.appId(), name);
        ObjectInfo info = services.storage().head(key).orElseThrow(DownloadHandler::notFound);
        if (info.metadata().access() == AssetAccess.PRIVATE && !signed) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentLength(0);
            return;
        }
        Optional<ImagePipeline> pipeline;
        try {
            pipeline = pipelineParam.map(ImageVariants::parse);
        } catch (SkygearException e) {
            services.metrics().rejected(AssetMetrics.Rejection.INVALID);
            throw e;
        }
        if (pipeline.isPresent()) {
            serveVariant(request, response, head, info, pipeline.get(), pipelineParam.get());
        } else {
            serveOriginal(request, response, head, info);
        }
    }

    private void serveOriginal(HttpServletRequest request, HttpServletResponse response, boolean head, ObjectInfo info)
            throws IOException {
        services.metrics().served(AssetMetrics.Variant.ORIGINAL);
        commonHeaders(response, info, info.etag());
        response.setHeader("Accept-Ranges", "bytes");
        if (EntityTags.noneMatchHits(request.getHeader("If-None-Match"), info.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        ByteRange.Request wanted = EntityTags.ifRangeMatches(request.getHeader("If-Range"), info.etag())
                ? ByteRange.parse(request.getHeader("Range"), info.size())
                : new ByteRange.Whole();
        switch (wanted) {
            case ByteRange.Unsatisfiable u -> {
                response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                response.setHeader("Content-Range", "bytes */" + info.size());
                response.setContentLength(0);
            }
            case ByteRange.Partial(ByteRange range) -> {
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", range.contentRange(info.size()));
                stream(response, head, info, range.first(), range.length());
            }
            case ByteRange.Whole w -> stream(response, head, info, 0, info.size());
        }
    }

    private void serveVariant(HttpServletRequest request, HttpServletResponse response, boolean head, ObjectInfo info,
            ImagePipeline pipeline, String pipelineText) throws IOException {
        if (!services.images().applies(pipeline, info.metadata().contentType(), info.size())) {
            services.metrics().rejected(AssetMetrics.Rejection.UNSUPPORTED);
            services.metrics().served(AssetMetrics.Variant.UNPROCESSED);
            commonHeaders(response, info, info.etag());
            if (EntityTags.noneMatchHits(request.getHeader("If-None-Match"), info.etag())) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
            stream(response, head, info, 0, info.size());
            return;
        }
        String variantTag = EntityTags.variant(info.etag(), pipelineText);
        if (EntityTags.noneMatchHits(request.getHeader("If-None-Match"), variantTag)) {
            services.metrics().served(AssetMetrics.Variant.PROCESSED);
            commonHeaders(response, info, variantTag);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] original;
        try (InputStream in = services.storage().open(info.key(), 0, info.size()).orElseThrow(DownloadHandler::notFound)) {
            original = in.readAllBytes();
        }
        Optional<ProcessedImage> variant = services.metrics().timePipeline(() -> services.images().render(original, pipeline));
        services.metrics().served(variant.isPresent() ? AssetMetrics.Variant.PROCESSED : AssetMetrics.Variant.UNPROCESSED);
        if (variant.isEmpty()) {
            commonHeaders(response, info, info.etag());
            response.setContentLengthLong(original.length);
            if (!head) {
                response.getOutputStream().write(original);
            }
            return;
        }
        ProcessedImage image = variant.get();
        commonHeaders(response, info, variantTag);
        response.setContentType(image.contentType());
        response.setContentLengthLong(image.bytes().length);
        if (!head) {
            response.getOutputStream().write(image.bytes());
        }
    }

    private void stream(HttpServletResponse response, boolean head, ObjectInfo info, long offset, long length)
            throws IOException {
        response.setContentLengthLong(length);
        if (head || length == 0) {
            return;
        }
        try (InputStream in = services.storage().open(info.key(), offset, length).orElseThrow(DownloadHandler::notFound)) {
            in.transferTo(response.getOutputStream());
        }
    }

    /** Type, tag, dates, caching and the stored headers of the object. */
    private static void commonHeaders(HttpServletResponse response, ObjectInfo info, String etag) {
        info.metadata().headers().forEach((name, value) -> {
            if (name.startsWith("access-control-") || name.equals("content-disposition")
                    || name.equals("content-encoding")) {
                response.setHeader(name, value);
            }
        });
        response.setContentType(info.metadata().contentType());
        response.setHeader("ETag", etag);
        response.setHeader("Last-Modified", HTTP_DATE.format(info.lastModified()));
        response.setHeader("Cache-Control", cacheControl(info));
    }

    /** The stored Cache-Control; a private asset is never cached by shared caches. */
    static String cacheControl(ObjectInfo info) {
        String stored = info.metadata().header("cache-control").orElse("max-age=3600");
        if (info.metadata().access() == AssetAccess.PUBLIC) {
            return stored;
        }
        String lower = stored.toLowerCase(Locale.ROOT);
        return lower.contains("private") || lower.contains("no-store") ? stored : "private, " + stored;
    }

    private static SkygearException notFound() {
        return new SkygearException(ErrorName.NOT_FOUND, "AssetNotFound", "asset not found");
    }
}
