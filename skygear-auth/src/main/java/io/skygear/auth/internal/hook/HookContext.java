package io.skygear.auth.internal.hook;

import io.skygear.auth.hook.HookEvent;
import io.skygear.core.http.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The request behind a hook event: where relative hook URLs point ({@code baseUri}), and who asked
 * (the requesting session, written to the event's {@code context}). Build it in the HTTP layer with
 * {@link #from(HttpServletRequest)} and add the caller's session with {@link #withSession}.
 *
 * @param baseUri    {@code proto://host} that relative hook URLs are resolved against
 * @param requestId  the request id, written as {@code context.request_id}
 * @param userId     the requesting session's user
 * @param identityId the requesting session's identity (principal)
 * @param session    the requesting session's API model (§3.1 Session object)
 */
public record HookContext(
        Optional<URI> baseUri,
        Optional<String> requestId,
        Optional<String> userId,
        Optional<String> identityId,
        Optional<Map<String, Object>> session) {

    private static final HookContext NONE =
            new HookContext(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public HookContext {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(session, "session");
    }

    /** No request (e.g. an admin call from Java): only absolute hook URLs can be called. */
    public static HookContext none() {
        return NONE;
    }

    /** An anonymous request with this base URI and request id (either may be null). */
    public static HookContext of(URI baseUri, String requestId) {
        return new HookContext(Optional.ofNullable(baseUri), Optional.ofNullable(requestId),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The base URI and request id of {@code request}: {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}
     * when present, else the request's scheme and {@code Host}, as the original did. Behind a proxy,
     * make sure it overwrites these headers (or configure absolute hook URLs): relative hook URLs
     * follow them.
     */
    public static HookContext from(HttpServletRequest request) {
        return of(baseUri(request).orElse(null), RequestIdFilter.requestId(request).orElse(null));
    }

    /** This context with the requesting session (the event's {@code context.user_id}, …). */
    public HookContext withSession(String userId, String identityId, Map<String, Object> session) {
        return new HookContext(baseUri, requestId, Optional.of(userId), Optional.of(identityId), Optional.of(session));
    }

    /** The event {@code context} at {@code clock}'s current second. */
    HookEvent.Context eventContext(Clock clock) {
        return new HookEvent.Context(clock.instant().getEpochSecond(), requestId, userId, identityId, session);
    }

    static Optional<URI> baseUri(HttpServletRequest request) {
        String proto = firstValue(request.getHeader("X-Forwarded-Proto"));
        if (proto == null) {
            proto = request.getScheme() != null ? request.getScheme() : "http";
        }
        String host = firstValue(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(proto.toLowerCase(java.util.Locale.ROOT) + "://" + host);
            boolean plain = uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            return plain ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim();
        return first.isEmpty() ? null : first;
    }
}
