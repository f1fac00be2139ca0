package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.APP_A;
import static io.skygear.gateway.GatewayFixture.HOST_A;
import static io.skygear.gateway.GatewayFixture.HOST_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.DeploymentRouteType;
import io.skygear.gateway.GatewayFixture.Reply;
import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deployment routes proxied to a real backend (a second Jetty on loopback): matching, forward URLs,
 * method, query, headers and bodies both ways, the caller's identity headers, spoofing, 502.
 */
class DeploymentRouteTest {

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
        fixture.admin.setRoutes(fixture.appA.id(), List.of(
                fixture.route("/api", DeploymentRouteType.HTTP_SERVICE, "/svc", null),
                fixture.route("/api/v2/", DeploymentRouteType.HTTP_SERVICE, "/v2", null),
                fixture.route("/fn", DeploymentRouteType.HTTP_HANDLER, "/", "/handlers/fn"),
                fixture.route("/down", DeploymentRouteType.HTTP_SERVICE, "/", null)));
        // a route to a port nobody listens on
        fixture.configDb.dsl().execute("UPDATE app_config.deployment_route SET type_config = "
                + "'{\"backend_url\":\"http://127.0.0.1:9/\"}' WHERE path = '/down'");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static JsonNode echo(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        assertThat(reply.headers().firstValue("X-Backend")).hasValue("echo");
        return reply.json();
    }

    @Test
    void httpServiceKeepsThePathBelowTheRouteAndTheQuery() {
        JsonNode json = echo(fixture.get(HOST_A, "/api/users/1?x=1&y=%20z"));

        assertThat(json.get("method").asString()).isEqualTo("GET");
        assertThat(json.get("path").asString()).isEqualTo("/svc/users/1");
        assertThat(json.get("query").asString()).isEqualTo("x=1&y=%20z");
    }

    @Test
    void longestPrefixWins() {
        assertThat(echo(fixture.get(HOST_A, "/api/v2/things/")).get("path").asString()).isEqualTo("/v2/things/");
        assertThat(echo(fixture.get(HOST_A, "/api")).get("path").asString()).isEqualTo("/svc");
    }

    @Test
    void httpHandlerAlwaysCallsItsTargetPath() {
        assertThat(echo(fixture.get(HOST_A, "/fn/anything/below")).get("path").asString()).isEqualTo("/handlers/fn");
    }

    @Test
    void methodBodyAndHeadersReachTheBackendAndTheAnswerComesBack() {
        Reply reply = fixture.send(HOST_A, "PUT", "/api/created", HttpRequest.BodyPublishers.ofString("{\"a\":1}"),
                "Content-Type", "application/json", "X-Custom", "one", "Proxy-Authorization", "Basic c2VjcmV0");

        assertThat(reply.status()).isEqualTo(201);
        JsonNode json = reply.json();
        assertThat(json.get("method").asString()).isEqualTo("PUT");
        assertThat(json.get("body").asString()).isEqualTo("{\"a\":1}");
        JsonNode headers = json.get("headers");
        assertThat(headers.get("x-custom").get(0).asString()).isEqualTo("one");
        assertThat(headers.get("content-type").get(0).asString()).isEqualTo("application/json");
        assertThat(headers.has("proxy-authorization")).as("hop-by-hop").isFalse();
        assertThat(headers.get("x-forwarded-host").get(0).asString()).isEqualTo(HOST_A);
        assertThat(headers.get("x-forwarded-proto").get(0).asString()).isEqualTo("http");
        assertThat(headers.get("x-forwarded-for").get(0).asString()).isEqualTo("127.0.0.1");
        assertThat(headers.get("x-skygear-http-path").get(0).asString()).isEqualTo("/api/created");
        assertThat(headers.get("x-skygear-request-id").get(0).asString())
                .isEqualTo(reply.headers().firstValue("x-skygear-request-id").orElseThrow());
        assertThat(headers.has("x-skygear-app-config")).isFalse();
    }

    @Test
    void spoofedIdentityHeadersNeverReachTheBackend() {
        JsonNode headers = echo(fixture.get(HOST_A, "/api/x",
                "x-skygear-user-id", "spoofed", "X-Skygear-Access-Key-Type", "master-key",
                "x-skygear-session-identity-id", "spoofed", "x-skygear-user-verified", "true",
                "x-skygear-http-path", "/spoofed", "x-skygear-app-config", "e30=")).get("headers");

        assertThat(headers.has("x-skygear-user-id")).isFalse();
        assertThat(headers.has("x-skygear-session-identity-id")).isFalse();
        assertThat(headers.has("x-skygear-user-verified")).isFalse();
        assertThat(headers.has("x-skygear-app-config")).isFalse();
        assertThat(headers.get("x-skygear-access-key-type").size()).isEqualTo(1);
        assertThat(headers.get("x-skygear-access-key-type").get(0).asString()).isEqualTo("no");
        assertThat(headers.get("x-skygear-http-path").size()).isEqualTo(1);
        assertThat(headers.get("x-skygear-http-path").get(0).asString()).isEqualTo("/api/x");
    }

    @Test
    void signedInCallerIsToldToTheBackend() {
        String token = fixture.signup(HOST_A, APP_A, "route-user");

        JsonNode headers = echo(fixture.get(HOST_A, "/api/me", "X-Skygear-API-Key", GatewayFixture.apiKey(APP_A),
                "Authorization", "Bearer " + token, "x-skygear-user-id", "spoofed")).get("headers");

        assertThat(headers.get("x-skygear-access-key-type").get(0).asString()).isEqualTo("api-key");
        assertThat(headers.get("x-skygear-client-id").get(0).asString()).isEqualTo("web");
        assertThat(headers.get("x-skygear-user-id").size()).isEqualTo(1);
        assertThat(headers.get("x-skygear-user-id").get(0).asString()).isNotEqualTo("spoofed").isNotEmpty();
        assertThat(headers.get("x-skygear-session-identity-type").get(0).asString()).isEqualTo("password");
    }

    @Test
    void rejectedTokenOfARefreshingClientIsToldToRefresh() {
        Reply reply = fixture.get(HOST_A, "/api/me", "X-Skygear-API-Key", GatewayFixture.apiKey(APP_A),
                "Authorization", "Bearer 00000000-0000-0000-0000-000000000000.invalid");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.headers().firstValue("x-skygear-try-refresh-token")).hasValue("true");
    }

    @Test
    void routesBelongToTheirTenant() {
        assertThat(fixture.get(HOST_B, "/api/x").status()).as("tenant B has no routes; the host app has no /api")
                .isEqualTo(404);
        assertThat(fixture.get(HOST_B, "/api/x").headers().firstValue("X-Backend")).isEmpty();
    }

    @Test
    void backendDownIs502() {
        Reply reply = fixture.get(HOST_A, "/down/x");

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.body()).isEmpty();
    }
}
