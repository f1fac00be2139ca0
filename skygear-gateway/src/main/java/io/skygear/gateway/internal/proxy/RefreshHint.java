package io.skygear.gateway.internal.proxy;

import io.skygear.auth.AuthContext;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * §1.8: a request that carried an access token the auth gear rejected, from a client that has refresh
 * tokens, is answered 401 with {@code x-skygear-try-refresh-token: true} instead of reaching the
 * backend anonymously.
 */
public final class RefreshHint {

    public static final String HEADER = "x-skygear-try-refresh-token";

    private RefreshHint() {
    }

    public static boolean applies(HttpServletRequest request, TenantContext tenant, AuthContext caller) {
        if (caller.isAuthenticated() || !caller.accessKey().isApiKey() || !carriesToken(request)) {
            return false;
        }
        String clientId = caller.accessKey().clientId().orElseThrow();
        return tenant.config().userConfig().clients().stream()
                .anyMatch(c -> c.id().equals(clientId) && !c.refreshTokenDisabled());
    }

    private static boolean carriesToken(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("session".equals(cookie.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
