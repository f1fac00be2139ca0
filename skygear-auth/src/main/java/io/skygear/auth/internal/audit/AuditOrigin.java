package io.skygear.auth.internal.audit;

import io.skygear.core.http.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Where a request came from, as the audit trail keeps it: the peer address and the raw proxy headers
 * (not interpreted: the trail shows what was claimed), the user agent and the request id. Any
 * component may be null; values are cut to {@value #MAX_LENGTH} characters.
 */
public record AuditOrigin(
        String remoteAddr,
        String xForwardedFor,
        String xRealIp,
        String forwarded,
        String userAgent,
        String requestId) {

    static final int MAX_LENGTH = 1024;

    /** No request, e.g. an administrative call from Java. */
    public static final AuditOrigin NONE = new AuditOrigin(null, null, null, null, null, null);

    public AuditOrigin {
        remoteAddr = cut(remoteAddr);
        xForwardedFor = cut(xForwardedFor);
        xRealIp = cut(xRealIp);
        forwarded = cut(forwarded);
        userAgent = cut(userAgent);
        requestId = cut(requestId);
    }

    /** The origin of {@code request} (request id from {@link RequestIdFilter}, if it ran). */
    public static AuditOrigin of(HttpServletRequest request) {
        return new AuditOrigin(
                request.getRemoteAddr(),
                request.getHeader("X-Forwarded-For"),
                request.getHeader("X-Real-IP"),
                request.getHeader("Forwarded"),
                request.getHeader("User-Agent"),
                RequestIdFilter.requestId(request).orElse(null));
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_LENGTH ? value : value.substring(0, MAX_LENGTH);
    }
}
