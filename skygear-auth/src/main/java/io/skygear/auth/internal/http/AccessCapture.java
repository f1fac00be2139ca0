package io.skygear.auth.internal.http;

import io.skygear.auth.internal.session.AccessEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a request into a session access: time, client address, user agent, extra info. The client-IP
 * headers ({@code X-Real-IP}, {@code X-Forwarded-For}, {@code Forwarded}) are read only when the
 * deployment trusts them ({@code AuthSettings.trustForwardedHeaders}); otherwise the peer address is
 * the client, as the servlet container reports it (which its own proxy support may have resolved).
 */
public record AccessCapture(Clock clock, boolean trustForwardedHeaders) {

    private static final Set<String> FORWARDED_HEADERS = Set.of("X-Real-IP", "X-Forwarded-For", "Forwarded");

    public AccessCapture {
        Objects.requireNonNull(clock, "clock");
    }

    public Instant now() {
        return clock.instant();
    }

    public AccessEvent capture(HttpServletRequest request) {
        Function<String, String> headers = trustForwardedHeaders ? request::getHeader
                : name -> FORWARDED_HEADERS.contains(name) ? null : request.getHeader(name);
        return AccessEvent.capture(now(), request.getRemoteAddr(), headers);
    }
}
