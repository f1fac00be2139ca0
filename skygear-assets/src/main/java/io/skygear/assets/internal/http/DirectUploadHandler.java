package io.skygear.assets.internal.http;

import io.skygear.assets.internal.metrics.AssetMetrics;
import io.skygear.assets.internal.signing.HttpSigner;
import io.skygear.assets.internal.signing.QueryString;
import io.skygear.assets.internal.upload.AssetNames;
import io.skygear.assets.storage.ObjectInfo;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /upload/<name>}: the upload URL {@link PresignUploadHandler} signs when the storage cannot
 * presign its own. The signature (tenant asset secret) covers the name, size, access and headers; the
 * body must be exactly the signed size. Answers 200 with the stored ETag and no body, as S3 does.
 */
final class DirectUploadHandler {

    private final AssetServices services;

    DirectUploadHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant, String name)
            throws IOException {
        Map<String, List<String>> query = QueryString.parse(request.getQueryString());
        RequestOrigin origin = RequestOrigin.of(request);
        if (!HttpSigner.isSigned(query)) {
            throw new SkygearException(ErrorName.INVALID, "InvalidSignatureQueryParam", "invalid x-skygear-signature");
        }
        HttpSigner.verify(tenant.config().userConfig().asset().secret(),
                new HttpSigner.SignedRequest("PUT", origin.host(), origin.basePath() + Routes.UPLOAD + name,
                        query), services.clock().instant());
        AssetNames.require(name);
        long signedLength = signedLength(query);
        services.uploads().requireReserved(tenant, name);
        if (request.getContentLengthLong() != signedLength) {
            throw SkygearException.of(ErrorName.BAD_REQUEST,
                    "Content-Length must be " + signedLength + ", the size the upload was signed for");
        }
        ObjectInfo stored = services.storage().put(AssetNames.key(tenant.appId(), name),
                PresignUploadHandler.metadataOf(query), request.getInputStream(), signedLength);
        services.uploads().complete(tenant, name, stored);
        services.metrics().uploaded(AssetMetrics.Via.DIRECT, stored.size());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("ETag", stored.etag());
        response.setContentLength(0);
    }

    /** The size the URL was signed for; a URL this gear signed always has one. */
    private static long signedLength(Map<String, List<String>> query) {
        try {
            return Long.parseLong(query.getOrDefault(PresignUploadHandler.LENGTH_PARAM, List.of("")).getFirst());
        } catch (NumberFormatException e) {
            throw SkygearException.of(ErrorName.BAD_REQUEST, "not an upload URL");
        }
    }
}
