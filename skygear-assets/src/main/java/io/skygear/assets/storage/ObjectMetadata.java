package io.skygear.assets.storage;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What is stored with an object besides its bytes: its access and the HTTP headers it is served with.
 *
 * @param access  public or private
 * @param headers lower-case header names ({@code content-type}, {@code cache-control},
 *                {@code content-disposition}, {@code content-encoding}, {@code access-control-*}) to values
 */
public record ObjectMetadata(AssetAccess access, Map<String, String> headers) {

    public static final String CONTENT_TYPE = "content-type";
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    public ObjectMetadata {
        Objects.requireNonNull(access, "access");
        Map<String, String> copy = new TreeMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> copy.put(
                Objects.requireNonNull(name, "header name").toLowerCase(Locale.ROOT),
                Objects.requireNonNull(value, "header value")));
        headers = Collections.unmodifiableMap(copy);
    }

    /** The stored {@code content-type}, else {@code application/octet-stream}. */
    public String contentType() {
        return header(CONTENT_TYPE).orElse(DEFAULT_CONTENT_TYPE);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }
}
