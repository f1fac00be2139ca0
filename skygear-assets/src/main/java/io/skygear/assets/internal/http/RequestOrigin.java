package io.skygear.assets.internal.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Scheme, host and mount path of a request as the client addressed it, for the URLs the gear signs and
 * checks: {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} win over the connection's, as in the
 * original (the gateway or a proxy in front sets them).
 */
public record RequestOrigin(String scheme, String host, String basePath) {

    public static RequestOrigin of(HttpServletRequest request) {
        String scheme = firstValue(request.getHeader("X-Forwarded-Proto"));
        String host = firstValue(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return new RequestOrigin(scheme == null ? request.getScheme() : scheme, host,
                request.getContextPath() + request.getServletPath());
    }

    /** {@code scheme://host/<base>/<path>}, the path as given (already safe to put in a URL). */
    public String url(String path) {
        return scheme + "://" + host + basePath + path;
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim();
        return first.isEmpty() ? null : first;
    }
}
