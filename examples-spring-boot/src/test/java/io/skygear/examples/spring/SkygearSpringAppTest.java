package io.skygear.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.db.Database;
import io.skygear.core.http.Json;
import io.skygear.core.migrate.Migrations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The Spring Boot example as ./scripts/demo-spring starts it: bundled config, embedded PostgreSQL, Tomcat, real HTTP. */
class SkygearSpringAppTest {

    static final String API_KEY = "demo-api-key";

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = SpringApplication.run(SkygearSpringApp.class, "--server.port=0", "--skygear.data-dir=" + dataDir);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void signedUpUserIsTheCallerOfTheHostController() throws Exception {
        String email = "spring-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signup = post("/_auth/signup", """
                {"login_ids":[{"key":"email","value":"%s"}],"password":"demo-password"}""".formatted(email),
                "X-Skygear-API-Key", API_KEY);
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(signup.body()).get("result");

        HttpResponse<String> me = get("/api/me",
                "X-Skygear-API-Key", API_KEY, "Authorization", "Bearer " + result.get("access_token").asString());

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        JsonNode caller = Json.mapper().readTree(me.body()).get("result");
        assertThat(caller.get("user_id")).isEqualTo(result.get("user").get("id"));
        assertThat(caller.get("app_id").asString()).isEqualTo("myapp");
        assertThat(caller.get("client_id").asString()).isEqualTo("demo");
        assertThat(caller.get("identity_type").asString()).isEqualTo("password");
        assertThat(me.headers().firstValue("x-skygear-request-id")).isPresent();
    }

    @Test
    void hostControllerWithoutTokenGetsNotAuthenticatedEnvelope() throws Exception {
        HttpResponse<String> me = get("/api/me", "X-Skygear-API-Key", API_KEY);

        assertThat(me.statusCode()).isEqualTo(401);
        JsonNode error = Json.mapper().readTree(me.body()).get("error");
        assertThat(error.get("name").asString()).isEqualTo("Unauthorized");
        assertThat(error.get("reason").asString()).isEqualTo("NotAuthenticated");
        assertThat(error.get("code").asInt()).isEqualTo(401);
    }

    @Test
    void unknownApiKeyGetsUnauthorizedEnvelope() throws Exception {
        HttpResponse<String> signup = post("/_auth/signup", """
                {"login_ids":[{"key":"email","value":"nobody@example.com"}],"password":"demo-password"}""",
                "X-Skygear-API-Key", "not-a-key");

        assertThat(signup.statusCode()).isEqualTo(401);
        JsonNode error = Json.mapper().readTree(signup.body()).get("error");
        assertThat(error.get("name").asString()).isEqualTo("Unauthorized");
        assertThat(error.get("code").asInt()).isEqualTo(401);
        assertThat(get("/api/me", "X-Skygear-API-Key", "not-a-key").statusCode()).isEqualTo(401);
    }

    @Test
    void corsPreflightIsAnsweredByTheSkygearFilter() throws Exception {
        HttpRequest preflight = HttpRequest.newBuilder(uri("/_auth/login"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST")
                .build();

        HttpResponse<String> response = http.send(preflight, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValue("POST");
    }

    @Test
    void startupMigratedTheTenantModules() {
        Database database = app.getBean(Database.class);
        var status = Migrations.configure().database(database).modules("core", "auth", "asset").load().status();
        assertThat(status.module("auth").pending()).isEmpty();
        assertThat(status.module("asset").pending()).isEmpty();
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + path);
    }

    static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).headers(headers).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
