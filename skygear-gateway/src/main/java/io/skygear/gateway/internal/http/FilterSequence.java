package io.skygear.gateway.internal.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.List;

/** Runs filters in order, then {@code last}: a servlet filter chain built in code. */
public final class FilterSequence implements FilterChain {

    private final List<Filter> filters;
    private final FilterChain last;
    private int next;

    private FilterSequence(List<Filter> filters, FilterChain last) {
        this.filters = filters;
        this.last = last;
    }

    public static void run(List<Filter> filters, FilterChain last, ServletRequest request, ServletResponse response)
            throws IOException, ServletException {
        new FilterSequence(filters, last).doFilter(request, response);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        if (next < filters.size()) {
            filters.get(next++).doFilter(request, response, this);
        } else {
            last.doFilter(request, response);
        }
    }
}
