package io.skygear.gateway.internal.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The request as gears and the host app see it behind the gateway: client-sent {@code x-skygear-*}
 * headers are gone (but the API key and extra info, which clients are meant to send), and for a gear
 * the servlet path is {@code /_<gear>} with the rest as path info.
 */
public final class GatewayRequest extends HttpServletRequestWrapper {

    private final String servletPath;
    private final String pathInfo;

    private GatewayRequest(HttpServletRequest request, String servletPath, String pathInfo) {
        super(request);
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
    }

    /** For the host app: only the headers are filtered. */
    public static GatewayRequest filtered(HttpServletRequest request) {
        return new GatewayRequest(request, null, null);
    }

    /** For an in-process gear mounted at {@code servletPath}. */
    public static GatewayRequest forGear(HttpServletRequest request, String servletPath, String pathInfo) {
        return new GatewayRequest(request, servletPath, pathInfo);
    }

    /** Whether a client may send this header through the gateway. */
    public static boolean clientMaySend(String name) {
        if (name.length() < 10 || !name.regionMatches(true, 0, "x-skygear-", 0, 10)) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("x-skygear-api-key") || lower.equals("x-skygear-extra-info")
                || lower.equals("x-skygear-request-id");
    }

    @Override
    public String getServletPath() {
        return servletPath != null ? servletPath : super.getServletPath();
    }

    @Override
    public String getPathInfo() {
        return servletPath != null ? pathInfo : super.getPathInfo();
    }

    @Override
    public String getHeader(String name) {
        return clientMaySend(name) ? super.getHeader(name) : null;
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return clientMaySend(name) ? super.getHeaders(name) : Collections.emptyEnumeration();
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        names.removeIf(n -> !clientMaySend(n));
        return Collections.enumeration(names);
    }

    @Override
    public long getDateHeader(String name) {
        return clientMaySend(name) ? super.getDateHeader(name) : -1;
    }

    @Override
    public int getIntHeader(String name) {
        return clientMaySend(name) ? super.getIntHeader(name) : -1;
    }
}
