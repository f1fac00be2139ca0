package io.skygear.auth.sso;

import io.skygear.core.http.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Facebook, Instagram and LinkedIn as far as the gear talks to them, mounted at {@code /fake/*}: an
 * authorization endpoint that approves at once (as the user set by {@link #nextUser}), a token endpoint
 * that exchanges its codes once, and each provider's user document for its access tokens; plus
 * {@code /slow/token}, which answers only after the gear's provider timeout.
 */
final class FakeProviders extends HttpServlet {

    record FakeUser(String id, String email) {
    }

    private volatile FakeUser next = new FakeUser("fake-user", "fake@example.com");
    private final Map<String, FakeUser> codes = new ConcurrentHashMap<>();
    private final Map<String, FakeUser> tokens = new ConcurrentHashMap<>();

    /** The user the next authorization approves. */
    void nextUser(String id, String email) {
        next = new FakeUser(id, email);
    }

    /** An access token for {@code id}, as if the client had got it from the provider itself. */
    String issueToken(String id, String email) {
        String token = "tok-" + UUID.randomUUID();
        tokens.put(token, new FakeUser(id, email));
        return token;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path.endsWith("/authorize")) {
            String code = "code-" + UUID.randomUUID();
            codes.put(code, next);
            response.sendRedirect(request.getParameter("redirect_uri") + "?code=" + code + "&state="
                    + URLEncoder.encode(request.getParameter("state"), StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/slow/token")) {
            try {
                Thread.sleep(SsoFixture.PROVIDER_TIMEOUT.multipliedBy(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(response, 200, Map.of("access_token", "late", "token_type", "bearer"));
            return;
        }
        if (path.endsWith("/token")) {
            FakeUser user = Optional.ofNullable(request.getParameter("code")).map(codes::remove).orElse(null);
            if (user == null || !"authorization_code".equals(request.getParameter("grant_type"))) {
                json(response, 400, Map.of("error", "invalid_grant"));
                return;
            }
            String token = issueToken(user.id(), user.email());
            json(response, 200, Map.of("access_token", token, "token_type", "bearer", "expires_in", 3600));
            return;
        }
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7) : request.getParameter("access_token");
        FakeUser user = token == null ? null : tokens.get(token);
        if (user == null) {
            json(response, 401, Map.of("error", Map.of("message", "invalid token")));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.startsWith("/facebook/")) {
            body.put("id", user.id());
            body.put("email", user.email());
        } else if (path.startsWith("/instagram/")) {
            body.put("data", Map.of("id", user.id(), "email", user.email(), "username", "insta"));
        } else if (path.endsWith("/v2/me")) {
            body.put("id", user.id());
            body.put("localizedFirstName", "Linked");
        } else if (path.endsWith("/v2/emailAddress")) {
            body.put("elements", List.of(Map.of("handle~", Map.of("emailAddress", user.email()))));
        } else {
            response.sendError(404);
            return;
        }
        json(response, 200, body);
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(Json.mapper().writeValueAsString(body));
    }
}
