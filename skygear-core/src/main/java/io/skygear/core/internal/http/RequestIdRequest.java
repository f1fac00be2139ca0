package io.skygear.core.internal.http;

import io.skygear.core.http.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/** A request whose {@code x-skygear-request-id} header is the server-assigned id, whatever the client sent. */
public final class RequestIdRequest extends HttpServletRequestWrapper {

    private final String id;

    public RequestIdRequest(HttpServletRequest request, String id) {
        super(request);
        this.id = id;
    }

    private static boolean isIdHeader(String name) {
        return RequestIdFilter.HEADER.equalsIgnoreCase(name);
    }

    @Override
    public String getHeader(String name) {
        return isIdHeader(name) ? id : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return isIdHeader(name) ? Collections.enumeration(Set.of(id)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
            String name = e.nextElement();
            if (!isIdHeader(name)) {
                names.add(name);
            }
        }
        names.add(RequestIdFilter.HEADER);
        return Collections.enumeration(names);
    }
}
