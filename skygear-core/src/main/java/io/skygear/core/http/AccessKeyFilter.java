package io.skygear.core.http;

import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * Resolves {@value #HEADER} against the request's tenant ({@link AccessKey#resolve}) and publishes the
 * result as {@link AccessKey#of(ServletRequest)}. It never rejects a request: endpoints decide what
 * they require. Needs a {@code TenantContext} on the request (e.g. from {@code TenantFilter}).
 */
public final class AccessKeyFilter implements Filter {

    public static final String HEADER = "X-Skygear-API-Key";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String presented = ((HttpServletRequest) request).getHeader(HEADER);
        AccessKey key = AccessKey.resolve(TenantContext.require(request).config().userConfig(), presented);
        request.setAttribute(AccessKey.ATTRIBUTE, key);
        chain.doFilter(request, response);
    }
}
