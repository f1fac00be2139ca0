package io.skygear.core.http;

import io.skygear.core.internal.http.RequestIdRequest;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Gives every request a fresh UUIDv4 id, replacing any {@value #HEADER} the client sent: as request
 * header and attribute, response header, and SLF4J MDC key {@value #MDC_KEY} for the request's
 * duration. A request that already has an id from an outer {@code RequestIdFilter} keeps it.
 */
public final class RequestIdFilter implements Filter {

    public static final String HEADER = "x-skygear-request-id";
    public static final String MDC_KEY = "request_id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName();

    /** The id of this request, if a {@code RequestIdFilter} has run. */
    public static Optional<String> requestId(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? Optional.of(id) : Optional.empty();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (requestId(request).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        String id = UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, id);
        ((HttpServletResponse) response).setHeader(HEADER, id);
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(new RequestIdRequest((HttpServletRequest) request, id), response);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
