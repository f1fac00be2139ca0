package io.skygear.auth.internal.http;

import io.skygear.auth.AuthContext;
import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.ResolvedSession;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.SessionService;
import io.skygear.auth.internal.session.TokenTransport;
import io.skygear.core.http.AccessKey;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * The authn step of every request (§5.2): takes the access token from {@code Authorization: Bearer}
 * (scheme case-insensitive) or the {@code session} cookie, resolves it, and publishes the
 * {@link AuthContext} (and, for the auth endpoints, the {@link RequestSession}). Both transports at once
 * is a conflict: no session. A valid token replaces a missing or API key by its session's client; the
 * master key stays. A token that does not resolve clears the {@code session} cookie when one came.
 * Never rejects a request: endpoints decide.
 */
public final class RequestAuthenticator {

    private static final String BEARER = "bearer ";

    private final SessionService sessions;
    private final SessionCookie cookie;
    private final AccessCapture access;
    private final AuthMetrics metrics;

    public RequestAuthenticator(SessionService sessions, SessionCookie cookie, AccessCapture access, AuthMetrics metrics) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.cookie = Objects.requireNonNull(cookie, "cookie");
        this.access = Objects.requireNonNull(access, "access");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Authenticates the request once; later calls return what the first one published. */
    public RequestSession authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<RequestSession> done = RequestSession.find(request);
        if (done.isPresent()) {
            return done.get();
        }
        TenantContext tenant = TenantContext.require(request);
        AccessKey key = AccessKey.of(request);
        Optional<String> bearer = bearerToken(request.getHeader("Authorization"));
        Optional<String> cookieToken = SessionCookie.read(request);

        Optional<ResolvedSession> resolved = Optional.empty();
        if (bearer.isPresent() != cookieToken.isPresent()) {
            TokenTransport transport = bearer.isPresent() ? TokenTransport.HEADER : TokenTransport.COOKIE;
            AccessEvent event = access.capture(request);
            resolved = sessions.authenticate(tenant, bearer.or(() -> cookieToken).get(), transport, key, event);
        }
        boolean presented = bearer.isPresent() || cookieToken.isPresent();
        boolean rejected = resolved.isEmpty() && presented;
        metrics.tokenChecked(presented, resolved.isPresent());
        if (rejected && cookieToken.isPresent()) {
            cookie.clear(response, key.clientId().flatMap(id -> tenant.config().userConfig().client(id)));
        }

        AuthContext context = resolved.map(r -> authenticated(r.session(), key)).orElseGet(() -> AuthContext.anonymous(key));
        request.setAttribute(AccessKey.ATTRIBUTE, context.accessKey());
        request.setAttribute(AuthContext.ATTRIBUTE, context);
        RequestSession session = new RequestSession(resolved, rejected);
        session.publish(request);
        return session;
    }

    private static AuthContext authenticated(Session session, AccessKey presented) {
        AccessKey key = presented.isMasterKey() ? presented : AccessKey.apiKey(session.clientId());
        return new AuthContext(key, Optional.of(session.clientId()), Optional.of(session.userId()),
                Optional.of(session.id()),
                Optional.of(new AuthContext.Identity(session.principalId(), session.principalType())));
    }

    /** The token of {@code Authorization: Bearer <token>}; other schemes and empty tokens give nothing. */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
