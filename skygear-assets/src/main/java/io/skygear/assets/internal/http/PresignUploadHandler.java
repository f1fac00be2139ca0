package io.skygear.assets.internal.http;

import io.skygear.assets.internal.signing.HttpSigner;
import io.skygear.assets.internal.upload.UploadRequest;
import io.skygear.assets.internal.upload.UploadService.Reservation;
import io.skygear.assets.storage.AssetAccess;
import io.skygear.assets.storage.ObjectMetadata;
import io.skygear.assets.storage.PresignedUpload;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /presign_upload}: reserves a name and answers the request the client sends to upload the
 * bytes: a storage-signed PUT when the storage can sign one (S3), else a PUT to this gear's
 * {@code /upload/<name>} signed with the tenant's asset secret, which carries the size, access and
 * headers in its signed query.
 */
final class PresignUploadHandler {

    static final String ACCESS_PARAM = "access";
    static final String LENGTH_PARAM = "content-length";

    private final AssetServices services;

    PresignUploadHandler(AssetServices services) {
        this.services = services;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, TenantContext tenant) throws IOException {
        Optional<String> user = Callers.requireMasterKeyOrUser(request, services.users());
        UploadRequest upload = UploadRequest.parse(JsonBodyReader.standard().readTree(request),
                services.settings().maxUploadBytes(), "invalid request body");
        Reservation reservation = services.uploads().reserve(tenant, upload, user);
        PresignedUpload presigned;
        try {
            presigned = services.storage().presignPut(reservation.key(), upload.metadata(), upload.contentLength(),
                    services.settings().uploadUrlExpiry()).orElseGet(() -> gearUpload(request, tenant, reservation, upload));
        } catch (RuntimeException e) {
            services.uploads().abandon(tenant, reservation.name());
            throw e;
        }
        List<Map<String, String>> headers = new ArrayList<>();
        presigned.headers().forEach(h -> headers.add(Map.of("name", canonical(h.name()), "value", h.value())));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("asset_name", reservation.name());
        result.put("url", presigned.url().toString());
        result.put("method", presigned.method());
        result.put("headers", headers);
        ApiResponses.writeResult(response, result);
    }

    private PresignedUpload gearUpload(HttpServletRequest request, TenantContext tenant, Reservation reservation,
            UploadRequest upload) {
        RequestOrigin origin = RequestOrigin.of(request);
        String path = Routes.UPLOAD + reservation.name();
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put(ACCESS_PARAM, List.of(upload.metadata().access().wireName()));
        query.put(LENGTH_PARAM, List.of(Long.toString(upload.contentLength())));
        upload.metadata().headers().forEach((name, value) -> query.put(name, List.of(value)));
        String signed = HttpSigner.sign(tenant.config().userConfig().asset().secret(),
                new HttpSigner.SignedRequest("PUT", origin.host(), origin.basePath() + path, query),
                services.clock().instant(), services.settings().uploadUrlExpiry().toSeconds());
        List<PresignedUpload.Header> headers = new ArrayList<>();
        headers.add(new PresignedUpload.Header("content-length", Long.toString(upload.contentLength())));
        upload.metadata().headers().forEach((name, value) -> headers.add(new PresignedUpload.Header(name, value)));
        return new PresignedUpload("PUT", URI.create(origin.url(path) + "?" + signed), headers);
    }

    /** {@code content-type} → {@code Content-Type}, as Go's canonical MIME header keys. */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }

    /** The metadata an upload URL of this gear carries in its signed query. */
    static ObjectMetadata metadataOf(Map<String, List<String>> query) {
        Map<String, String> headers = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            if (!name.startsWith("x-skygear-") && !name.equals(ACCESS_PARAM) && !name.equals(LENGTH_PARAM)
                    && !values.isEmpty()) {
                headers.put(name, values.getFirst());
            }
        });
        return new ObjectMetadata(AssetAccess.fromMetadata(
                query.getOrDefault(ACCESS_PARAM, List.of("")).getFirst()), headers);
    }
}
