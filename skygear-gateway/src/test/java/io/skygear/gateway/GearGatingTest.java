package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.APP_A;
import static io.skygear.gateway.GatewayFixture.HOST_A;
import static io.skygear.gateway.GatewayFixture.HOST_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.TenantConfig;
import io.skygear.core.http.Json;
import io.skygear.core.tenant.TenantContext;
import io.skygear.gateway.GatewayFixture.Reply;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Plans gate gears and apps pick gear versions (§1.5): the original's plain-text statuses and bodies,
 * in-process gears behind the gateway, and a version proxied to a remote gear server.
 */
class GearGatingTest {

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(s -> s, (gateway, f) -> gateway
                .gear("echo", Gear.of(new EchoGear()))
                .remoteGear("echo", GearVersion.NIGHTLY, f.backend.uri("/ignored-path")));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void authGearWorksUnchangedBehindTheGateway() {
        String token = fixture.signup(HOST_A, APP_A, "alice");

        Reply me = fixture.post(HOST_A, "/_auth/me", "{}", "Content-Type", "application/json",
                "X-Skygear-API-Key", GatewayFixture.apiKey(APP_A), "Authorization", "Bearer " + token);

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("result").get("user").get("id").asString()).isNotEmpty();
    }

    @Test
    void gearNotInThePlanIs403PlainText() {
        Reply reply = fixture.post(HOST_B, "/_auth/me", "{}", "Content-Type", "application/json");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("auth is not support in current app plan\n");
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
    }

    @Test
    void unknownGearIs403() {
        Reply reply = fixture.get(HOST_A, "/_foo/x");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("foo is not support in current app plan\n");
    }

    @Test
    void suspendedGearIs400() {
        App app = fixture.newApp("suspended", fixture.pro, "suspended.example.test");
        fixture.admin.setGearVersion(app.id(), "auth", GearVersion.SUSPENDED);

        Reply reply = fixture.post("suspended.example.test", "/_auth/me", "{}", "Content-Type", "application/json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("gear is suspended\n");
    }

    @Test
    void versionWithoutAServerIs506() {
        App app = fixture.newApp("nightly-auth", fixture.pro, "nightly-auth.example.test");
        fixture.admin.setGearVersion(app.id(), "auth", GearVersion.NIGHTLY);

        Reply reply = fixture.post("nightly-auth.example.test", "/_auth/me", "{}");

        assertThat(reply.status()).isEqualTo(506);
        assertThat(reply.body()).isEqualTo("auth gear nightly environment is not supported\n");
    }

    @Test
    void anyGearCanBeEnabledByThePlanAndSeesTheTenantAndItsMount() {
        Reply reply = fixture.get(HOST_A, "/_echo/some/path?x=1");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("app_id").asString()).isEqualTo(APP_A);
        assertThat(json.get("servlet_path").asString()).isEqualTo("/_echo");
        assertThat(json.get("path_info").asString()).isEqualTo("/some/path");
    }

    @Test
    void gearTheBasicPlanDoesNotEnableIsRefused() {
        assertThat(fixture.get(HOST_B, "/_echo/x").status()).isEqualTo(403);
    }

    @Test
    void remoteVersionIsProxiedWithTheResolvedConfigNotTheClients() {
        App app = fixture.newApp("remote-echo", fixture.pro, "remote.example.test");
        fixture.admin.setGearVersion(app.id(), "echo", GearVersion.NIGHTLY);
        String forged = Base64.getEncoder().encodeToString("{\"app_id\":\"forged\"}".getBytes(StandardCharsets.UTF_8));

        Reply reply = fixture.get("remote.example.test", "/_echo/x?y=2", "x-skygear-app-config", forged);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("path").asString()).isEqualTo("/_echo/x");
        assertThat(json.get("query").asString()).isEqualTo("y=2");
        JsonNode headers = json.get("headers");
        assertThat(headers.get("x-skygear-app-config").size()).isEqualTo(1);
        String config = new String(Base64.getDecoder().decode(headers.get("x-skygear-app-config").get(0).asString()),
                StandardCharsets.UTF_8);
        assertThat(TenantConfig.parseJson(config).appId()).isEqualTo("remote-echo");
        assertThat(headers.get("x-skygear-gear").get(0).asString()).isEqualTo("echo");
        assertThat(headers.get("x-skygear-gear-version").get(0).asString()).isEqualTo("nightly");
    }

    @Test
    void corsPreflightOfAGearIsAnsweredByTheGateway() {
        Reply reply = fixture.send(HOST_A, "OPTIONS", "/_auth/login",
                HttpRequest.BodyPublishers.noBody(),
                "Origin", "https://web.example.com", "Access-Control-Request-Method", "POST");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://web.example.com");
    }

    /** A gear of the host's own: tells what it was called with. */
    static final class EchoGear extends HttpServlet {

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("app_id", TenantContext.require(request).appId());
            json.put("servlet_path", request.getServletPath());
            json.put("path_info", request.getPathInfo());
            response.setContentType("application/json");
            response.getOutputStream().write(Json.mapper().writeValueAsBytes(json));
        }
    }
}
