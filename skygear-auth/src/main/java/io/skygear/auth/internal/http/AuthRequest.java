package io.skygear.auth.internal.http;

import io.skygear.auth.AuthContext;
import io.skygear.auth.internal.audit.AuditOrigin;
import io.skygear.auth.internal.hook.HookContext;
import io.skygear.auth.internal.session.AccessEvent;
import io.skygear.auth.internal.session.ResolvedSession;
import io.skygear.auth.internal.session.Session;
import io.skygear.auth.internal.session.UserStatus;
import io.skygear.auth.internal.user.User;
import io.skygear.auth.internal.user.UserStore;
import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.SessionTransport;
import io.skygear.core.db.Database;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.AccessKey;
import io.skygear.core.http.ApiResponses;
import io.skygear.core.http.Json;
import io.skygear.core.http.JsonBodyReader;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One call of an auth endpoint as its handler sees it: the tenant, the caller, the body, and the ways to
 * answer. Handlers never touch servlet types.
 */
public final class AuthRequest {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final TenantContext tenant;
    private final RequestSession session;
    private final SessionCookie cookie;
    private final Database database;
    private final AccessCapture access;
    private Optional<User> user;
    private AccessEvent accessEvent;

    AuthRequest(HttpServletRequest request, HttpServletResponse response, RequestSession session,
                SessionCookie cookie, Database database, AccessCapture access) {
        this.request = request;
        this.response = response;
        this.tenant = TenantContext.require(request);
        this.session = session;
        this.cookie = cookie;
        this.database = database;
        this.access = access;
    }

    public TenantContext tenant() {
        return tenant;
    }

    /** The tenant's database. */
    public Database database() {
        return database;
    }

    public Instant now() {
        return access.now();
    }

    /** Who is calling, as {@code AccessTokenFilter} published it. */
    public AuthContext caller() {
        return AuthContext.of(request);
    }

    /** The key in effect (a valid access token's client replaces a missing or API key). */
    public AccessKey accessKey() {
        return caller().accessKey();
    }

    /**
     * The configured client of the caller: its session's (also under the master key, so that a rotated
     * token goes back by the session's transport), else its API key's; empty otherwise.
     */
    public Optional<ClientConfig> client() {
        return caller().clientId().flatMap(id -> tenant.config().userConfig().client(id));
    }

    /**
     * The client a new session belongs to: the client of the API key (or of the access token). The
     * master key opens no session (deviation 4): 403 {@code Forbidden}.
     */
    public ClientConfig sessionClient() {
        if (accessKey().isMasterKey()) {
            throw SkygearException.of(ErrorName.FORBIDDEN,
                    "the master key cannot open a session: use the API key of a client");
        }
        return client().orElseThrow(() -> AuthzPolicy.accessKeyNotAccepted("API key required"));
    }

    /** The caller's session, when a valid access token came. */
    public Optional<Session> session() {
        return session.resolved().map(ResolvedSession::session);
    }

    /** The state of the session's user as the token check saw it. */
    public Optional<UserStatus> userStatus() {
        return session.resolved().map(ResolvedSession::user);
    }

    /** Whether an access token came that did not resolve. */
    public boolean tokenRejected() {
        return session.tokenRejected();
    }

    /** The session's user, read once; empty without session or when the user is gone. */
    public Optional<User> loadUser() {
        if (user == null) {
            user = session().flatMap(s -> new UserStore(database.tenant(tenant.appId())).find(s.userId()));
        }
        return user;
    }

    /**
     * The session's user, for endpoints that require one.
     *
     * @throws io.skygear.core.error.SkygearException 401 {@code NotAuthenticated} without session or user
     */
    public User user() {
        return loadUser().orElseThrow(AuthzPolicy::notAuthenticated);
    }

    /**
     * The JSON body bound to a record (see {@link JsonBodyReader#bind}); strings with U+0000 are
     * refused, since the database could not store them.
     */
    public <T extends Record> T body(Class<T> type) {
        return JsonBodyReader.bind(bodyTree(), type);
    }

    /** The JSON body as a tree; strings with U+0000 are refused. */
    public JsonNode bodyTree() {
        JsonNode body = JsonBodyReader.standard().readTree(request);
        NulCharacters.reject(body);
        return body;
    }

    /** This request as a session access: time, addresses, user agent, extra info. */
    public AccessEvent accessEvent() {
        if (accessEvent == null) {
            accessEvent = access.capture(request);
        }
        return accessEvent;
    }

    /** The request as the audit trail keeps it. */
    public AuditOrigin auditOrigin() {
        return AuditOrigin.of(request);
    }

    /**
     * Reads a body that carries nothing: any JSON object (the original still required one).
     *
     * @throws SkygearException 400 {@code BadRequest} for a missing, malformed or non-object body
     */
    public void emptyBody() {
        if (!bodyTree().isObject()) {
            throw SkygearException.of(ErrorName.BAD_REQUEST, "failed to decode the request payload");
        }
    }

    /** The request as hook events describe it: base URI, request id and the caller's session. */
    public HookContext hookContext() {
        HookContext context = HookContext.from(request);
        return session().map(s -> context.withSession(s.userId(), s.principalId(), s.toApiModel())).orElse(context);
    }

    /** The request's HTTP method, e.g. {@code GET}. */
    public String method() {
        return request.getMethod();
    }

    /**
     * A query or form parameter (HTML form endpoints): its first value, empty when absent; strings with
     * U+0000 are refused, since the database could not store them.
     */
    public Optional<String> parameter(String name) {
        Optional<String> value = Optional.ofNullable(request.getParameter(name));
        value.ifPresent(v -> NulCharacters.reject(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put(name, v)));
        return value;
    }

    /** The languages of {@code Accept-Language}, best first; empty when absent or malformed. */
    public java.util.List<java.util.Locale.LanguageRange> languages() {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank() || header.length() > 1000) {
            return java.util.List.of();
        }
        try {
            return java.util.Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return java.util.List.of();
        }
    }

    /** {@code status} with an HTML page, not cached, not framed by other sites. */
    public void writeHtml(int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] bytes = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** 302 to {@code location}. */
    public void redirect(String location) {
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", location);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(0);
    }

    /** 200 {@code {"result": result}}. */
    public void writeResult(Object result) throws IOException {
        ApiResponses.writeResult(response, result);
    }

    /** 200 with {@code body} as plain JSON, outside the envelope (the original's non-API documents). */
    public void writeJson(Object body) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        Json.mapper().writeValue(response.getOutputStream(), body);
    }

    /**
     * 200 with an AuthResponse. With an access token, cookie-transport clients get it in the
     * {@code session} cookie (and not in the body); header-transport clients get an expiring cookie so
     * that no stale one lingers.
     */
    public void writeAuthResponse(AuthResponse result) throws IOException {
        if (result.authenticationSessionToken().isPresent()) {
            throw new SkygearException(ErrorName.UNAUTHORIZED, "AuthenticationSession",
                    "authentication session is required",
                    Map.of("token", result.authenticationSessionToken().get(), "step", "mfa"));
        }
        AuthResponse body = result;
        if (result.accessToken().isPresent()) {
            ClientConfig client = client().orElseThrow(() -> new IllegalStateException("a session needs a client"));
            if (client.sessionTransport() == SessionTransport.COOKIE) {
                cookie.write(response, result.accessToken().get(), client);
                body = body.withoutAccessToken();
            } else {
                cookie.clear(response, Optional.of(client));
            }
        }
        if (result.mfaBearerToken().isPresent()
                && client().filter(c -> c.sessionTransport() == SessionTransport.COOKIE).isPresent()) {
            new MfaBearerTokenCookie(cookie.isInsecure()).write(response, result.mfaBearerToken().get(),
                    tenant.config().userConfig().mfa().bearerToken().expireInDays());
            body = body.withoutMfaBearerToken();
        }
        writeResult(body.toApiModel());
    }

    /** The {@code mfa_bearer_token} cookie, when one came. */
    public Optional<String> mfaBearerTokenCookie() {
        return MfaBearerTokenCookie.read(request);
    }

    /** Drops the {@code mfa_bearer_token} cookie. */
    public void clearMfaBearerTokenCookie() {
        new MfaBearerTokenCookie(cookie.isInsecure()).clear(response);
    }

    /** Drops the {@code session} cookie. */
    public void clearSessionCookie() {
        cookie.clear(response, client());
    }

    // ---- browser-facing endpoints (SSO redirects, callbacks and pages)

    /** The provider id of a {@code sso/<provider id>/…} path; empty for other paths. */
    public String pathParameter() {
        return request.getAttribute(AuthServlet.PATH_PARAMETER) instanceof String id ? id : "";
    }

    /** The value of the request's cookie {@code name}. */
    public Optional<String> cookie(String name) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return java.util.Arrays.stream(cookies).filter(c -> name.equals(c.getName())).map(jakarta.servlet.http.Cookie::getValue)
                .findFirst();
    }

    /**
     * Sets an HttpOnly cookie for path {@code /}. {@code secure}: with {@code Secure} and
     * {@code SameSite=None}, so that it also comes with a provider's cross-site form post.
     */
    public void setCookie(String name, String value, int maxAgeSeconds, boolean secure) {
        jakarta.servlet.http.Cookie cookie = new jakarta.servlet.http.Cookie(name, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge(maxAgeSeconds);
        if (secure) {
            cookie.setSecure(true);
            cookie.setAttribute("SameSite", "None");
        }
        response.addCookie(cookie);
    }

    /** Whether the request is a form post ({@code application/x-www-form-urlencoded}). */
    public boolean isFormPost() {
        String type = request.getContentType();
        return "POST".equals(request.getMethod()) && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /**
     * Reads and drops a body that will not be used, up to the size of a JSON body, so that the answer
     * is not lost to a connection closed on unread bytes.
     */
    public void discardBody() throws IOException {
        byte[] buffer = new byte[8192];
        long left = JsonBodyReader.DEFAULT_MAX_BYTES;
        int read;
        while (left > 0 && (read = request.getInputStream().read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
    }

    /** {@code status} with a plain-text body. */
    public void writeText(int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
