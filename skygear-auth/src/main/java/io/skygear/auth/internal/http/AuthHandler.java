package io.skygear.auth.internal.http;

import java.util.Set;

/**
 * One endpoint of the auth API. Add an endpoint with one class implementing this and one line in
 * {@link AuthHandlers}; {@link AuthServlet} routes, answers OPTIONS, 404 and 405, and checks
 * {@link #authz()} before {@link #handle}.
 */
public interface AuthHandler {

    /** The path below {@code /_auth/}, e.g. {@code "signup"} or {@code "session/list"}. */
    String path();

    /** The HTTP methods served besides OPTIONS; POST unless the reference says otherwise. */
    default Set<String> methods() {
        return Set.of("POST");
    }

    /** Who may call, checked before {@link #handle}. */
    AuthzPolicy authz();

    /** Reads the request, runs the feature service and writes the response. */
    void handle(AuthRequest request) throws Exception;
}
