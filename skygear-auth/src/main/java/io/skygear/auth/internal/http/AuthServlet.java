package io.skygear.auth.internal.http;

import io.skygear.auth.internal.metrics.AuthMetrics;
import io.skygear.auth.internal.ratelimit.RateLimitExceeded;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.JsonApiServlet;
import io.skygear.core.internal.metrics.HttpMetrics;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code /_auth/*} servlet: routes {@code /_auth/<path>} to its {@link AuthHandler}. Unknown paths get
 * Go's plain-text {@code 404 page not found}; known paths answer OPTIONS with an empty 200 and other
 * methods they do not serve with 405. Runs the access token check itself when no
 * {@code AccessTokenFilter} did.
 */
public final class AuthServlet extends JsonApiServlet {

    public static final String TRY_REFRESH_TOKEN_HEADER = "x-skygear-try-refresh-token";

    /** The path segment of a handler registered for every SSO provider: {@code sso/*}{@code /login}. */
    public static final String PROVIDER_SEGMENT = "*";
    static final String PATH_PARAMETER = AuthServlet.class.getName() + ".provider";

    private static final byte[] NOT_FOUND = "404 page not found\n".getBytes(StandardCharsets.UTF_8);

    private final Map<String, AuthHandler> handlers;
    private final RequestAuthenticator authenticator;
    private final SessionCookie cookie;
    private final DatabaseResolver databases;
    private final AccessCapture access;
    private final AuthMetrics metrics;

    public AuthServlet(List<AuthHandler> handlers, RequestAuthenticator authenticator, SessionCookie cookie,
                       DatabaseResolver databases, AccessCapture access, AuthMetrics metrics) {
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(AuthHandler::path, Function.identity()));
        this.authenticator = authenticator;
        this.cookie = cookie;
        this.databases = databases;
        this.access = access;
        this.metrics = metrics;
    }

    /**
     * Every path served below {@code /_auth/} with its methods (besides OPTIONS), sorted by path: the
     * registry as routed, read-only (e.g. for tests that must cover every endpoint).
     */
    public SortedMap<String, Set<String>> routes() {
        TreeMap<String, Set<String>> routes = new TreeMap<>();
        handlers.forEach((path, handler) -> routes.put(path, Set.copyOf(handler.methods())));
        return Collections.unmodifiableSortedMap(routes);
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        AuthHandler handler = handlers.get(path);
        if (handler == null) {
            handler = providerRoute(path, request);
        }
        if (handler == null) {
            notFound(response);
            return;
        }
        HttpMetrics.endpoint(request, handler.path());
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
            return;
        }
        if (!handler.methods().contains(method)) {
            TreeSet<String> allowed = new TreeSet<>(handler.methods());
            allowed.add("OPTIONS");
            response.setHeader("Allow", String.join(", ", allowed));
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setContentLength(0);
            return;
        }
        RequestSession session = authenticator.authenticate(request, response);
        AuthRequest call = new AuthRequest(request, response, session, cookie,
                databases.forTenant(TenantContext.require(request)), access);
        try {
            handler.authz().check(call);
        } catch (SkygearException e) {
            if (AuthzPolicy.NOT_AUTHENTICATED.equals(e.reason())) {
                response.setHeader(TRY_REFRESH_TOKEN_HEADER, "true");
            }
            throw e;
        }
        try {
            handler.handle(call);
        } catch (RateLimitExceeded e) {
            RateLimitExceeded.setRetryAfter(response, e);
            throw e;
        }
    }

    @Override
    protected void completed(HttpServletRequest request, HttpServletResponse response, SkygearException error,
                             long startNanos) {
        metrics.requestCompleted(request, response, error, startNanos);
    }

    /**
     * The handler of a {@code sso/<provider id>/<endpoint>} path: registered as
     * {@code sso/}{@value #PROVIDER_SEGMENT}{@code /<endpoint>}; the provider id goes to the handler as
     * {@link AuthRequest#pathParameter()}. Exact paths ({@code sso/custom_token/login}) win.
     */
    private AuthHandler providerRoute(String path, HttpServletRequest request) {
        String[] parts = path.split("/", 3);
        if (parts.length != 3 || !parts[0].equals("sso") || parts[1].isEmpty()) {
            return null;
        }
        AuthHandler handler = handlers.get("sso/" + PROVIDER_SEGMENT + "/" + parts[2]);
        if (handler != null) {
            request.setAttribute(PATH_PARAMETER, parts[1]);
        }
        return handler;
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(NOT_FOUND.length);
        response.getOutputStream().write(NOT_FOUND);
    }
}
