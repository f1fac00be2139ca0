package io.skygear.gateway;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Objects;

/**
 * A gear served in-process: its servlet and the filters that run in front of it (after the gateway's
 * tenant, CORS and API-key steps). The servlet sees {@code getServletPath()} = {@code /_<name>} and
 * {@code getPathInfo()} = the rest, as if mounted at {@code /_<name>/*}.
 *
 * <pre>{@code
 * Gear auth = Gear.of(authGear.servlet(), authGear.accessTokenFilter());
 * }</pre>
 *
 * @param servlet the gear's API
 * @param filters run in order before the servlet
 */
public record Gear(HttpServlet servlet, List<Filter> filters) {

    public Gear {
        Objects.requireNonNull(servlet, "servlet");
        filters = List.copyOf(filters);
    }

    public static Gear of(HttpServlet servlet, Filter... filters) {
        return new Gear(servlet, List.of(filters));
    }
}
