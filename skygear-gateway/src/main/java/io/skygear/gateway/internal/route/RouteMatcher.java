package io.skygear.gateway.internal.route;

import io.skygear.core.config.DeploymentRoute;
import java.util.List;
import java.util.Optional;

/**
 * The original's route matching (§1.7): a route whose path equals the request path wins; otherwise the
 * longest route path that is a prefix of the request path when both end with {@code /}; ties go to
 * the route listed first.
 */
public final class RouteMatcher {

    private RouteMatcher() {
    }

    public static Optional<DeploymentRoute> match(List<DeploymentRoute> routes, String path) {
        for (DeploymentRoute route : routes) {
            if (route.path().equals(path)) {
                return Optional.of(route);
            }
        }
        String slashed = withSlash(path);
        DeploymentRoute best = null;
        for (DeploymentRoute route : routes) {
            if (slashed.startsWith(withSlash(route.path()))
                    && (best == null || route.path().length() > best.path().length())) {
                best = route;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String withSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
