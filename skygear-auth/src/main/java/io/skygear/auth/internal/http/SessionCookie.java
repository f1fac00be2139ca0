package io.skygear.auth.internal.http;

import io.skygear.core.config.ClientConfig;
import io.skygear.core.config.SameSite;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The {@code session} cookie of cookie-transport clients (§5.3): Path {@code /}, HttpOnly, Secure unless
 * the host runs with insecure cookies, SameSite from the client ({@code lax} by default; {@code none}
 * writes no SameSite attribute, like Go's default mode), Max-Age = the client's access token lifetime.
 */
public final class SessionCookie {

    public static final String NAME = "session";

    private final boolean insecure;

    public SessionCookie(boolean insecure) {
        this.insecure = insecure;
    }

    /** Whether cookies go without the {@code Secure} flag (plain-HTTP development). */
    public boolean isInsecure() {
        return insecure;
    }

    /** The token of the first {@code session} cookie, if any and not empty. */
    public static Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())) {
                return Optional.ofNullable(cookie.getValue()).filter(v -> !v.isEmpty());
            }
        }
        return Optional.empty();
    }

    /** Sets the cookie to {@code token} for the client's access token lifetime. */
    public void write(HttpServletResponse response, String token, ClientConfig client) {
        response.addCookie(cookie(token, client.accessTokenLifetime(), Optional.of(client)));
    }

    /** Tells the browser to drop the cookie (Max-Age 0). */
    public void clear(HttpServletResponse response, Optional<ClientConfig> client) {
        response.addCookie(cookie("", 0, client));
    }

    private Cookie cookie(String value, int maxAge, Optional<ClientConfig> client) {
        Cookie cookie = new Cookie(NAME, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(!insecure);
        cookie.setMaxAge(maxAge);
        SameSite sameSite = client.map(ClientConfig::sameSite).orElse(SameSite.LAX);
        switch (sameSite) {
            case LAX -> cookie.setAttribute("SameSite", "Lax");
            case STRICT -> cookie.setAttribute("SameSite", "Strict");
            case NONE -> { } // Go's SameSiteDefaultMode: no attribute, the browser's default applies
        }
        return cookie;
    }
}
