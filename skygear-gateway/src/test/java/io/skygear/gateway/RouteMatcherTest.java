package io.skygear.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.DeploymentRouteType;
import io.skygear.gateway.internal.route.ForwardUrl;
import io.skygear.gateway.internal.route.RouteMatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Route matching and forward URLs: the original's Go test tables (platform reference §5.2, items 1–4). */
class RouteMatcherTest {

    static final List<DeploymentRoute> ROUTES = List.of(route("/api"), route("/api/"), route("/web"), route("/"));

    static DeploymentRoute route(String path) {
        return new DeploymentRoute("v1", path, DeploymentRouteType.HTTP_SERVICE, Map.of("backend_url", "http://backend-domain/"));
    }

    @ParameterizedTest
    @CsvSource({"/api, /api", "/api/, /api/", "/api/user/1, /api/", "/testing, /", "/web/welcome, /web"})
    void exactThenLongestPrefix(String path, String expected) {
        assertThat(RouteMatcher.match(ROUTES, path)).get().extracting(DeploymentRoute::path).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"/api, /api", "/api/, /api", "/api/, /api/", "/api/user, /api"})
    void httpHandlerForwardsToItsTargetPath(String path, String routePath) {
        DeploymentRoute route = new DeploymentRoute("v1", routePath, DeploymentRouteType.HTTP_HANDLER,
                Map.of("backend_url", "http://backend-domain/", "target_path", "/backend_function_path"));

        assertThat(ForwardUrl.of(route, path, null)).hasToString("http://backend-domain/backend_function_path");
    }

    @ParameterizedTest
    @CsvSource({"/api, /api, /", "/api, /api/, /", "/api, /api/user, /user", "/api, /api/user/, /user/",
            "/api/, /api/user/, /user/", "/, /, /", "/, /api, /api", "/, /api/, /api/", "/, /api/user, /api/user"})
    void httpServiceJoinsThePathBelowTheRoute(String routePath, String path, String expected) {
        DeploymentRoute route = new DeploymentRoute("v1", routePath, DeploymentRouteType.HTTP_SERVICE,
                Map.of("backend_url", "http://backend-domain/"));

        assertThat(ForwardUrl.of(route, path, null)).hasToString("http://backend-domain" + expected);
    }

    @ParameterizedTest
    @CsvSource({"/api/user, x=1, http://backend-domain/user?x=1"})
    void queryIsKept(String path, String query, String expected) {
        assertThat(ForwardUrl.of(route("/api"), path, query)).hasToString(expected);
    }
}
