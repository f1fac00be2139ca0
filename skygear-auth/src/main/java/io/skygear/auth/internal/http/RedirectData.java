package io.skygear.auth.internal.http;

import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The original's redirects of HTML form endpoints: the configured URL with query parameter
 * {@value #PARAMETER} = base64url(JSON of what happened), appended to any query it has.
 */
public final class RedirectData {

    public static final String PARAMETER = "x-skygear-redirect-data";

    private RedirectData() {
    }

    /** {@code e} as the API would answer it ({@code name, reason, message, info}), for pages and redirects. */
    public static Map<String, Object> error(SkygearException e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", e.name().wireName());
        json.put("reason", e.reason());
        json.put("message", e.getMessage());
        if (!e.info().isEmpty()) {
            json.put("info", e.info());
        }
        return json;
    }

    /** {@code url} with {@code data} encoded in {@value #PARAMETER}. */
    public static String location(String url, Map<String, ?> data) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(Json.mapper().writeValueAsBytes(data));
        URI uri = URI.create(url);
        String separator = uri.getRawQuery() == null ? (url.endsWith("?") ? "" : "?") : "&";
        String fragment = uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment();
        String base = fragment.isEmpty() ? url : url.substring(0, url.length() - fragment.length());
        return base + separator + PARAMETER + "=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8) + fragment;
    }
}
