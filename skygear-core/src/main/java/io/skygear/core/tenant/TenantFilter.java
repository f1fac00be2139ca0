package io.skygear.core.tenant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the tenant of each request and exposes it as the {@link TenantContext#ATTRIBUTE} request
 * attribute and as {@link TenantContext#current()} while the rest of the chain runs. A request that
 * already carries a {@code TenantContext} (set by the gateway) keeps it. Without a tenant the answer
 * is the original gateway's plain-text {@code 400 App not found}.
 */
public final class TenantFilter extends HttpFilter {

    private static final byte[] APP_NOT_FOUND = "App not found\n".getBytes(StandardCharsets.UTF_8);

    private final TenantResolver resolver;

    public TenantFilter(TenantResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<TenantContext> tenant = TenantContext.find(request).or(() -> resolver.resolve(request));
        if (tenant.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain; charset=utf-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setContentLength(APP_NOT_FOUND.length);
            response.getOutputStream().write(APP_NOT_FOUND);
            return;
        }
        request.setAttribute(TenantContext.ATTRIBUTE, tenant.get());
        TenantContext previous = TenantContext.enter(tenant.get());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.restore(previous);
        }
    }
}
