package io.skygear.auth.internal.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code mfa_bearer_token} cookie of cookie-transport clients (§3.8): sent only to
 * {@code /_auth/mfa/bearer_token/authenticate}, HttpOnly, Secure unless the host runs with insecure
 * cookies, Max-Age = the tenant's {@code bearer_token.expire_in_days}.
 */
final class MfaBearerTokenCookie {

    static final String NAME = "mfa_bearer_token";
    static final String PATH = "/_auth/mfa/bearer_token/authenticate";

    private final boolean insecure;

    MfaBearerTokenCookie(boolean insecure) {
        this.insecure = insecure;
    }

    static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(c -> NAME.equals(c.getName()))
                .map(Cookie::getValue)
                .filter(v -> v != null && !v.isEmpty())
                .findFirst();
    }

    void write(HttpServletResponse response, String token, int expireInDays) {
        response.addCookie(cookie(token, expireInDays * 86_400));
    }

    void clear(HttpServletResponse response) {
        response.addCookie(cookie("", 0));
    }

    private Cookie cookie(String value, int maxAge) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setPath(PATH);
        cookie.setHttpOnly(true);
        cookie.setSecure(!insecure);
        cookie.setMaxAge(maxAge);
        return cookie;
    }
}
