package io.skygear.assets.internal.upload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code #PresignUploadRequest} body as bound by core's record binder: unknown properties are
 * {@code ExtraEntry} causes, {@code headers} and {@code headers.content-length} are required.
 * {@code exact_name} is the newer reference client's addition.
 */
public record PresignBody(Optional<String> prefix, Optional<String> access,
        @JsonProperty("exact_name") Optional<String> exactName, Headers headers) {

    /** The headers a client may ask the upload to carry; all strings. */
    public record Headers(
            @JsonProperty("content-type") Optional<String> contentType,
            @JsonProperty("content-disposition") Optional<String> contentDisposition,
            @JsonProperty("content-encoding") Optional<String> contentEncoding,
            @JsonProperty("content-length") String contentLength,
            @JsonProperty("content-md5") Optional<String> contentMd5,
            @JsonProperty("cache-control") Optional<String> cacheControl,
            @JsonProperty("access-control-allow-origin") Optional<String> allowOrigin,
            @JsonProperty("access-control-expose-headers") Optional<String> exposeHeaders,
            @JsonProperty("access-control-max-age") Optional<String> maxAge,
            @JsonProperty("access-control-allow-credentials") Optional<String> allowCredentials,
            @JsonProperty("access-control-allow-methods") Optional<String> allowMethods,
            @JsonProperty("access-control-allow-headers") Optional<String> allowHeaders) {

        /** Every given header but {@code content-length} and {@code content-md5}, by lower-case name. */
        Map<String, String> stored() {
            Map<String, String> headers = new LinkedHashMap<>();
            contentType.ifPresent(v -> headers.put("content-type", v));
            contentDisposition.ifPresent(v -> headers.put("content-disposition", v));
            contentEncoding.ifPresent(v -> headers.put("content-encoding", v));
            cacheControl.ifPresent(v -> headers.put("cache-control", v));
            allowOrigin.ifPresent(v -> headers.put("access-control-allow-origin", v));
            exposeHeaders.ifPresent(v -> headers.put("access-control-expose-headers", v));
            maxAge.ifPresent(v -> headers.put("access-control-max-age", v));
            allowCredentials.ifPresent(v -> headers.put("access-control-allow-credentials", v));
            allowMethods.ifPresent(v -> headers.put("access-control-allow-methods", v));
            allowHeaders.ifPresent(v -> headers.put("access-control-allow-headers", v));
            return headers;
        }
    }
}
