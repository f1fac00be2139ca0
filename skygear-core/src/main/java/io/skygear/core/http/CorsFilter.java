package io.skygear.core.http;

import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CORS as the original answered it, from the tenant's {@code user_config.cors.origin} (see
 * {@link OriginMatcher}): always {@code Vary: Origin}; when the {@code Origin} matches, it is echoed
 * with credentials allowed, {@code x-skygear-try-refresh-token} exposed and the requested method and
 * headers allowed; every {@code OPTIONS} request is answered here with 200 and an empty body. An
 * invalid spec allows no origin. Needs a {@code TenantContext} on the request.
 */
public final class CorsFilter implements Filter {

    /** Distinct specs are few (one per tenant); the bound only guards against unbounded growth. */
    private static final int MAX_CACHED_SPECS = 4096;

    private final Map<String, Optional<OriginMatcher>> matchers = new ConcurrentHashMap<>();

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        response.addHeader("Vary", "Origin");
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.isEmpty() && allows(request, origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", "x-skygear-try-refresh-token");
            copy(request, "Access-Control-Request-Method", response, "Access-Control-Allow-Methods");
            copy(request, "Access-Control-Request-Headers", response, "Access-Control-Allow-Headers");
        }
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentLength(0);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allows(HttpServletRequest request, String origin) {
        String spec = TenantContext.require(request).config().userConfig().cors().origin();
        return matcher(spec).map(m -> m.matches(origin)).orElse(false);
    }

    private Optional<OriginMatcher> matcher(String spec) {
        Optional<OriginMatcher> cached = matchers.get(spec);
        if (cached != null) {
            return cached;
        }
        if (matchers.size() >= MAX_CACHED_SPECS) {
            matchers.clear();
        }
        return matchers.computeIfAbsent(spec, OriginMatcher::tryParse);
    }

    private static void copy(HttpServletRequest request, String from, HttpServletResponse response, String to) {
        String value = request.getHeader(from);
        if (value != null && !value.isEmpty()) {
            response.setHeader(to, value);
        }
    }
}
