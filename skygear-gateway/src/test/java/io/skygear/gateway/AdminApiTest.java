package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.http.Json;
import io.skygear.gateway.GatewayFixture.Reply;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The admin HTTP API at {@code /_admin/*}: an operator provisions a plan, an app with its config and
 * domain, a gear version and routes, and the gateway serves the app at once; errors are envelopes.
 */
class AdminApiTest {

    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Reply admin(String action, String body) {
        return fixture.post("admin.example.test", "/_admin/" + action, body,
                "Content-Type", "application/json", "X-Skygear-API-Key", ADMIN_KEY);
    }

    static JsonNode result(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("result");
    }

    static String configJson(String appId) {
        return GatewayFixture.config(appId).toJson();
    }

    @Test
    void operatorProvisionsAnAppThatIsServedAtOnce() {
        JsonNode plan = result(admin("plan/create", """
                {"name":"http-plan","gears":{"auth":true,"asset":false},"max_users":10,"requests_per_minute":600}"""));
        assertThat(plan.get("gears").get("asset").asBoolean()).isFalse();
        assertThat(plan.get("max_users").asLong()).isEqualTo(10);

        JsonNode app = result(admin("app/create", """
                {"name":"http-app","plan_id":"%s","config":%s,"domains":["Http-App.example.test"]}"""
                .formatted(plan.get("id").asString(), configJson("http-app"))));
        assertThat(app.get("domains").get(0).asString()).isEqualTo("http-app.example.test");
        assertThat(app.get("gear_versions").get("auth").asString()).isEqualTo("live");
        String appId = app.get("id").asString();

        result(admin("route/set", """
                {"app_id":"%s","routes":[{"path":"/api","type":"http-service","type_config":{"backend_url":"%s"}}]}"""
                .formatted(appId, fixture.backend.uri("/backend"))));

        assertThat(fixture.get("http-app.example.test", "/host/x").json().get("app_id").asString()).isEqualTo("http-app");
        assertThat(fixture.get("http-app.example.test", "/api/users").json().get("path").asString())
                .isEqualTo("/backend/users");
        assertThat(fixture.get("http-app.example.test", "/_asset/x").body())
                .isEqualTo("asset is not support in current app plan\n");

        result(admin("gear/set_version", """
                {"app_id":"%s","gear":"auth","version":"suspended"}""".formatted(appId)));
        assertThat(fixture.post("http-app.example.test", "/_auth/me", "{}").body()).isEqualTo("gear is suspended\n");
    }

    @Test
    void domainsAttachAndDetach() {
        JsonNode app = result(admin("app/create", """
                {"name":"domains-app","config":%s}""".formatted(configJson("domains-app"))));
        String appId = app.get("id").asString();

        result(admin("domain/add", """
                {"app_id":"%s","domain":"second.example.test:8080"}""".formatted(appId)));
        assertThat(fixture.get("second.example.test:8080", "/host/x").json().get("app_id").asString()).isEqualTo("domains-app");

        assertThat(result(admin("domain/remove", """
                {"domain":"second.example.test:8080"}""")).get("removed").asBoolean()).isTrue();
        assertThat(fixture.get("second.example.test:8080", "/host/x").status()).isEqualTo(400);
    }

    @Test
    void plansAreListedWithTheSeededDefault() {
        JsonNode plans = result(admin("plan/list", "{}")).get("plans");

        assertThat(plans.valueStream().map(p -> p.get("name").asString())).contains("default", "pro", "basic");
        assertThat(plans.valueStream().filter(p -> p.get("is_default").asBoolean()).count()).isEqualTo(1);
    }

    @Test
    void appsAreListedByNameWithTheirDomainsOverHttpAndInJava() {
        result(admin("app/create", """
                {"name":"zz-listed-app","config":%s,"domains":["listed.example.test"]}""".formatted(configJson("zz-listed-app"))));

        JsonNode apps = result(admin("app/list", "{}")).get("apps");
        List<String> names = apps.valueStream().map(a -> a.get("name").asString()).toList();

        assertThat(names).contains(fixture.appA.name(), fixture.appB.name(), "zz-listed-app").isSorted();
        assertThat(apps.valueStream().filter(a -> a.get("name").asString().equals("zz-listed-app")).findFirst()
                .orElseThrow().get("domains").get(0).asString()).isEqualTo("listed.example.test");
        assertThat(fixture.admin.apps()).extracting(App::name).containsExactlyElementsOf(names);
        assertThat(fixture.admin.apps()).filteredOn(a -> a.name().equals("zz-listed-app")).singleElement()
                .satisfies(a -> assertThat(a.config().appId()).isEqualTo("zz-listed-app"));
    }

    @Test
    void wrongOrMissingAdminKeyIs401() {
        Reply wrong = fixture.post("admin.example.test", "/_admin/plan/list", "{}", "Content-Type", "application/json",
                "X-Skygear-API-Key", "not-the-admin-key-at-all");
        Reply missing = fixture.post("admin.example.test", "/_admin/plan/list", "{}", "Content-Type", "application/json");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").get("reason").asString()).isEqualTo("AdminKeyRequired");
        assertThat(missing.status()).isEqualTo(401);
    }

    @Test
    void takenDomainIs409() {
        Reply reply = admin("domain/add", """
                {"app_id":"%s","domain":"%s"}""".formatted(fixture.appB.id(), GatewayFixture.HOST_A));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("error").get("name").asString()).isEqualTo("AlreadyExists");
    }

    @Test
    void invalidConfigIsRefusedWithItsCauses() {
        Reply reply = admin("app/create", """
                {"name":"bad-config","config":{"version":"2"}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").get("info").get("causes").size()).isPositive();
        assertThat(fixture.admin.appByName("bad-config")).isEmpty();
    }

    @Test
    void badInputIsAClearErrorNeverA500() {
        assertThat(admin("gear/set_version", """
                {"app_id":"not-a-uuid","gear":"auth","version":"live"}""").status()).isEqualTo(400);
        assertThat(admin("gear/set_version", """
                {"app_id":"%s","gear":"auth","version":"beta"}""".formatted(fixture.appA.id())).status()).isEqualTo(400);
        assertThat(admin("route/set", """
                {"app_id":"%s","routes":[{"path":"/x","type":"http-service","type_config":{"backend_url":"ftp://x"}}]}"""
                .formatted(fixture.appA.id())).status()).isEqualTo(400);
        assertThat(admin("app/set_plan", """
                {"id":"%s","plan_id":"%s"}""".formatted(fixture.appA.id(), UUID.randomUUID())).status())
                .isEqualTo(404);
        assertThat(admin("app/get", """
                {"id":"%s"}""".formatted(UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(admin("nope", "{}").status()).isEqualTo(404);
        assertThat(admin("plan/create", "{\"name\":\"x\",\"max_users\":-1}").status()).isEqualTo(400);
        assertThat(Json.mapper().readTree(admin("plan/create", "[]").body()).get("error")).isNotNull();
    }
}
