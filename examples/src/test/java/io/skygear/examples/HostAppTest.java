package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.http.Json;
import io.skygear.core.migrate.MigrationStatus;
import io.skygear.core.migrate.Migrations;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The demo app as ./scripts/demo starts it: bundled config, embedded PostgreSQL, real HTTP. */
class HostAppTest {

    @TempDir
    static Path dataDir;

    static HostApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = HostApp.start(new HostAppOptions(Optional.empty(), 0, dataDir));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthzAnswersOkWithoutKeyOrTenant() throws Exception {
        HttpResponse<String> response = get("/_healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("OK");
    }

    @Test
    void hostEndpointSeesTenantAndApiKey() throws Exception {
        HttpResponse<String> response = get("/api/hello", "X-Skygear-API-Key", "demo-api-key");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"app_id\":\"myapp\"", "\"access_key\":\"api_key\"",
                "\"client_id\":\"demo\"");
        assertThat(response.headers().firstValue("x-skygear-request-id")).isPresent();
    }

    @Test
    void hostEndpointSeesMasterKeyAndNoKey() throws Exception {
        assertThat(get("/api/hello", "X-Skygear-API-Key", "demo-master-key").body())
                .contains("\"access_key\":\"master_key\"");
        assertThat(get("/api/hello").body()).contains("\"access_key\":\"none\"");
    }

    @Test
    void startupMigratedTheTenantModules() {
        MigrationStatus status = Migrations.configure().database(app.database())
                .modules("core", "auth").load().status();
        assertThat(status.module("core").currentVersion()).isEqualTo("1566290052");
        assertThat(status.module("auth").applied()).contains("1567574912", "1790000500");
        assertThat(status.module("auth").pending()).isEmpty();
    }

    @Test
    void signedUpUserIsTheCallerOfMe() throws Exception {
        String email = "demo-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signup = post("/_auth/signup", """
                {"login_ids":[{"key":"email","value":"%s"}],"password":"demo-password"}""".formatted(email),
                "X-Skygear-API-Key", "demo-api-key");
        assertThat(signup.statusCode()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(signup.body()).get("result");
        String accessToken = result.get("access_token").asString();

        HttpResponse<String> me = post("/_auth/me", "{}",
                "X-Skygear-API-Key", "demo-api-key", "Authorization", "Bearer " + accessToken);

        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode caller = Json.mapper().readTree(me.body()).get("result");
        assertThat(caller.get("user").get("id")).isEqualTo(result.get("user").get("id"));
        assertThat(caller.get("identity").get("login_id").asString()).isEqualTo(email);
        assertThat(post("/_auth/me", "{}", "X-Skygear-API-Key", "demo-api-key").statusCode()).isEqualTo(401);
    }

    @Test
    void metricsShowSkygearMetersAfterASignup() throws Exception {
        String email = "metrics-" + UUID.randomUUID() + "@example.com";
        assertThat(post("/_auth/signup", """
                {"login_ids":[{"key":"email","value":"%s"}],"password":"demo-password"}""".formatted(email),
                "X-Skygear-API-Key", "demo-api-key").statusCode()).isEqualTo(200);

        // the signup is recorded when the gear's servlet returns, possibly just after its answer arrived
        HttpResponse<String> metrics = get("/metrics");
        for (int i = 0; i < 100 && !metrics.body().contains("skygear_auth_signups_total{result=\"success\"}"); i++) {
            Thread.sleep(50);
            metrics = get("/metrics");
        }

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body()).contains("skygear_auth_signups_total{result=\"success\"}",
                "skygear_auth_token_checks_total", "hikaricp_connections_max{pool=\"skygear\"}", "jvm_memory_used_bytes",
                "skygear_migrate_commands_seconds_count{command=\"up\",result=\"changed\"} 1");
        assertThat(metrics.body()).containsPattern(
                "skygear_http_requests_seconds_count\\{endpoint=\"signup\",error=\"none\",gear=\"auth\",status=\"200\"\\} \\d");
    }

    static HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(app.uri(path))
                .header("Content-Type", "application/json")
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
