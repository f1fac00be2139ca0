package io.skygear.auth;

import io.skygear.auth.internal.http.RequestAuthenticator;
import io.skygear.core.http.ApiErrorHandler;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Resolves the caller of every request and publishes it as {@link AuthContext#of(ServletRequest)}: the
 * API key (from core's {@code AccessKeyFilter}, which must run first) and the session of the access
 * token in {@code Authorization: Bearer <token>} or the {@code session} cookie. A valid token without
 * the master key replaces the request's key by its session's client, so {@code AccessKey.of(request)}
 * agrees. It never rejects a request: endpoints decide what they require. A rejected token clears the
 * {@code session} cookie when one came. Only when the session store cannot be read (the database is
 * down) does it answer itself, with the error envelope (503 {@code DatabaseUnavailable}).
 *
 * <p>Get it from {@link AuthGear#accessTokenFilter()} and map it after {@code TenantFilter} and
 * {@code AccessKeyFilter}, for every path that wants to know its caller (at least {@code /_auth/*}).
 */
public final class AccessTokenFilter implements Filter {

    private final RequestAuthenticator authenticator;

    AccessTokenFilter(RequestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        try {
            authenticator.authenticate(httpRequest, httpResponse);
        } catch (RuntimeException e) {
            // the caller is unknown, so no endpoint may run; answer like every Skygear endpoint would
            ApiErrorHandler.handle(httpRequest, httpResponse, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
