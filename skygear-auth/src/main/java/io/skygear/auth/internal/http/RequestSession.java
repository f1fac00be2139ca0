package io.skygear.auth.internal.http;

import io.skygear.auth.internal.session.ResolvedSession;
import jakarta.servlet.ServletRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * What the access token of a request resolved to, kept on the request for the auth endpoints.
 *
 * @param resolved      the caller's session and user state when a valid token came
 * @param tokenRejected a token came (or two conflicting ones) and did not resolve
 */
public record RequestSession(Optional<ResolvedSession> resolved, boolean tokenRejected) {

    static final String ATTRIBUTE = RequestSession.class.getName();

    public RequestSession {
        Objects.requireNonNull(resolved, "resolved");
        if (resolved.isPresent() && tokenRejected) {
            throw new IllegalArgumentException("a resolved session is not rejected");
        }
    }

    static Optional<RequestSession> find(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof RequestSession s ? Optional.of(s) : Optional.empty();
    }

    void publish(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }
}
