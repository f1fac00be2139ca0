package io.skygear.gateway.internal.route;

import io.skygear.core.config.DeploymentRoute;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a deployment route sends a request (§1.7): {@code http-handler}/{@code function} always to
 * {@code backend_url} joined with {@code target_path}; {@code http-service} to {@code backend_url}
 * joined with the request path below the route, keeping a trailing slash. The raw query is kept.
 */
public final class ForwardUrl {

    private ForwardUrl() {
    }

    /**
     * @param path  the request path (raw, as sent)
     * @param query the raw query, or null
     * @throws IllegalArgumentException when the route's backend_url is not an absolute http(s) URL
     */
    public static URI of(DeploymentRoute route, String path, String query) {
        URI backend = backend(route.backendUrl());
        String base = backend.getRawPath() == null || backend.getRawPath().isEmpty() ? "/" : backend.getRawPath();
        String target = switch (route.type()) {
            case HTTP_HANDLER, FUNCTION -> clean(base + "/" + route.targetPath());
            case HTTP_SERVICE -> service(base, route.path(), path);
        };
        String origin = backend.getScheme() + "://" + backend.getRawAuthority();
        return URI.create(origin + target + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    private static String service(String base, String routePath, String path) {
        String prefix = routePath.endsWith("/") ? routePath.substring(0, routePath.length() - 1) : routePath;
        String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
        String joined = clean(base + "/" + rest);
        if (rest.endsWith("/") && !rest.equals("/") && !joined.endsWith("/")) {
            joined += "/";
        }
        return joined;
    }

    static URI backend(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("backend_url is not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("backend_url must be an absolute http(s) URL: " + url);
        }
        return uri;
    }

    /** POSIX-style clean: no empty or {@code .} segments, {@code ..} pops, no trailing slash but root. */
    static String clean(String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }
}
