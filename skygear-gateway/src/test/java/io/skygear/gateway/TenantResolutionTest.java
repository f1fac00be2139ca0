package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.APP_A;
import static io.skygear.gateway.GatewayFixture.APP_B;
import static io.skygear.gateway.GatewayFixture.HOST_A;
import static io.skygear.gateway.GatewayFixture.HOST_B;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.DeploymentRouteType;
import io.skygear.core.config.HookRegistration;
import io.skygear.gateway.GatewayFixture.Reply;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Host → tenant from the config database: two tenants on two domains, unknown hosts, broken rows. */
class TenantResolutionTest {

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void healthzAnswersOkForAnyHost() {
        Reply reply = fixture.get("unknown.example.test", "/_healthz");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("OK");
    }

    @Test
    void unknownHostGetsAppNotFoundAsPlainText() {
        Reply reply = fixture.get("unknown.example.test", "/host/x");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("App not found\n");
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        assertThat(reply.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(reply.headers().firstValue("x-skygear-request-id")).isPresent();
    }

    @Test
    void eachDomainResolvesToItsTenantWithItsPlanQuotas() {
        Reply a = fixture.get(HOST_A, "/host/x");
        Reply b = fixture.get(HOST_B, "/host/x");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("app_id").asString()).isEqualTo(APP_A);
        assertThat(a.json().get("current").asString()).isEqualTo(APP_A);
        assertThat(a.json().get("max_users").asLong()).isEqualTo(1000);
        assertThat(b.json().get("app_id").asString()).isEqualTo(APP_B);
        assertThat(b.json().has("max_users")).as("basic plan is unlimited").isFalse();
    }

    @Test
    void hostIsMatchedCaseInsensitively() {
        assertThat(fixture.get(HOST_A.toUpperCase(), "/host/x").json().get("app_id").asString()).isEqualTo(APP_A);
    }

    @Test
    void everyResponseCarriesAFreshRequestIdReplacingTheClients() {
        Reply reply = fixture.get(HOST_A, "/host/x", "x-skygear-request-id", "client-chosen");

        assertThat(reply.headers().firstValue("x-skygear-request-id")).get()
                .satisfies(id -> assertThat(UUID.fromString(id)).isNotNull());
    }

    @Test
    void clientSentIdentityHeadersNeverReachTheHostApp() {
        Reply reply = fixture.get(HOST_A, "/host/x", "x-skygear-user-id", "spoofed");

        assertThat(reply.json().get("user_id_header").asString()).isEqualTo("null");
    }

    @Test
    void lastDeploymentsRoutesAndHooksJoinTheTenantConfig() {
        App app = fixture.newApp("deployed", fixture.pro, "deployed.example.test");
        fixture.admin.setHooks(app.id(), List.of(new HookRegistration("before_user_create", "http://hooks/old")));
        fixture.admin.setHooks(app.id(), List.of(new HookRegistration("after_user_create", "http://hooks/new")));
        fixture.admin.setRoutes(app.id(), List.of(fixture.route("/api", DeploymentRouteType.HTTP_SERVICE, "/", null)));

        JsonNode json = fixture.get("deployed.example.test", "/host/x").json();

        assertThat(json.get("hooks").valueStream().map(JsonNode::asString)).containsExactly("after_user_create http://hooks/new");
        assertThat(json.get("routes").valueStream().map(JsonNode::asString)).containsExactly("/api");
    }

    @Test
    void appWithAnInvalidConfigRowIsNotFound() {
        App broken = fixture.admin.createApp("broken", null, GatewayFixture.config("broken"), List.of("broken.example.test"));
        fixture.configDb.dsl().execute("UPDATE app_config.config SET config = '{\"version\":\"2\"}' "
                + "WHERE id = (SELECT config_id FROM app_config.app WHERE id = ?)", broken.id());
        fixture.gateway.invalidateCache();

        Reply reply = fixture.get("broken.example.test", "/host/x");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("App not found\n");
    }

    @Test
    void pathWithoutRouteGoesToTheHostAppAndUnknownHostAppPathIsItsOwn404() {
        assertThat(fixture.get(HOST_A, "/nothing-here").status()).isEqualTo(404);
    }
}
