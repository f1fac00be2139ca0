package io.skygear.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.http.Json;
import io.skygear.examples.multitenant.MultiTenantApp;
import io.skygear.examples.multitenant.MultiTenantOptions;
import io.skygear.gateway.App;
import io.skygear.gateway.Plan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The multi-tenant example as ./scripts/demo-multitenant starts it: gateway, two apps on two plans in one
 * embedded PostgreSQL, real HTTP with the tenant chosen by the Host header (surefire allows setting it).
 */
class MultiTenantAppTest {

    static final String ALPHA = "alpha.localhost";
    static final String BETA = "beta.localhost";

    @TempDir
    static Path dataDir;

    static MultiTenantApp app;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = MultiTenantApp.start(new MultiTenantOptions(0, dataDir));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    record Reply(int status, String body) {

        JsonNode result() {
            return Json.mapper().readTree(body).get("result");
        }

        String reason() {
            return Json.mapper().readTree(body).get("error").get("reason").asString();
        }
    }

    static Reply send(String host, String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri(path)).header("Host", host)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply post(String host, String path, String json, String... headers) {
        List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
        all.addAll(List.of(headers));
        return send(host, "POST", path, json.getBytes(StandardCharsets.UTF_8), all.toArray(String[]::new));
    }

    static Reply get(String host, String path, String... headers) {
        return send(host, "GET", path, null, headers);
    }

    static String apiKey(String host) {
        return host.substring(0, host.indexOf('.')) + "-api-key";
    }

    static Reply signup(String host, String username) {
        return post(host, "/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"a-long-password"}""".formatted(username),
                "X-Skygear-API-Key", apiKey(host));
    }

    static String accessToken(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.result().get("access_token").asString();
    }

    static String uniqueName() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void signupOnAlphaMakesAnAlphaUserThatTheHostAppSees() {
        Reply signup = signup(ALPHA, uniqueName());
        String token = accessToken(signup);

        Reply hello = get(ALPHA, "/api/hello", "X-Skygear-API-Key", apiKey(ALPHA), "Authorization", "Bearer " + token);

        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.result().get("app_id").asString()).isEqualTo("alpha");
        assertThat(hello.result().get("user_id")).isEqualTo(signup.result().get("user").get("id"));
        assertThat(hello.result().get("client_id").asString()).isEqualTo("web");
    }

    @Test
    void hostWithThePortResolvesToTheSameApp() {
        Reply hello = get(ALPHA + ":" + app.port(), "/api/hello");

        assertThat(hello.status()).as(hello.body()).isEqualTo(200);
        assertThat(hello.result().get("app_id").asString()).isEqualTo("alpha");
    }

    @Test
    void eachAppSeesTheQuotasOfItsPlan() {
        JsonNode alpha = get(ALPHA, "/api/hello").result().get("quotas");
        JsonNode beta = get(BETA, "/api/hello").result().get("quotas");

        assertThat(alpha.get("max_asset_bytes").asLong()).isEqualTo(100L << 20);
        assertThat(alpha.has("requests_per_minute")).isFalse();
        assertThat(beta.get("max_users").asLong()).isEqualTo(100);
        assertThat(beta.get("requests_per_minute").asLong()).isEqualTo(300);
    }

    @Test
    void alphasAccessTokenIsRejectedOnBeta() {
        String token = accessToken(signup(ALPHA, uniqueName()));

        Reply me = post(BETA, "/_auth/me", "{}", "X-Skygear-API-Key", apiKey(BETA), "Authorization", "Bearer " + token);

        assertThat(me.status()).as(me.body()).isEqualTo(401);
        assertThat(post(ALPHA, "/_auth/me", "{}", "X-Skygear-API-Key", apiKey(ALPHA), "Authorization", "Bearer " + token)
                .status()).isEqualTo(200);
    }

    @Test
    void alphasApiKeyIsRejectedOnBeta() {
        Reply reply = post(BETA, "/_auth/signup", """
                {"login_ids":[{"key":"username","value":"%s"}],"password":"a-long-password"}""".formatted(uniqueName()),
                "X-Skygear-API-Key", apiKey(ALPHA));

        assertThat(reply.status()).as(reply.body()).isEqualTo(401);
    }

    @Test
    void theSameUsernameLivesSeparatelyInEachApp() {
        String name = uniqueName();

        assertThat(signup(ALPHA, name).status()).isEqualTo(200);
        assertThat(signup(BETA, name).status()).isEqualTo(200);
        assertThat(signup(BETA, name).reason()).isEqualTo("LoginIDAlreadyUsed");
    }

    @Test
    void unknownHostGetsAppNotFound() {
        Reply reply = get("gamma.localhost", "/api/hello");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("App not found\n");
    }

    @Test
    void freePlanGetsTheGatewaysGatedAnswerOnAssets() {
        String token = accessToken(signup(BETA, uniqueName()));

        Reply reply = post(BETA, "/_asset/presign_upload", """
                {"headers":{"content-length":"5","content-type":"text/plain"}}""",
                "X-Skygear-API-Key", apiKey(BETA), "Authorization", "Bearer " + token);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("asset is not support in current app plan\n");
    }

    @Test
    void proPlanUploadsAndServesAnAsset() {
        String token = accessToken(signup(ALPHA, uniqueName()));
        byte[] content = "hello from alpha".getBytes(StandardCharsets.UTF_8);

        Reply presign = post(ALPHA, "/_asset/presign_upload", """
                {"headers":{"content-length":"%d","content-type":"text/plain"}}""".formatted(content.length),
                "X-Skygear-API-Key", apiKey(ALPHA), "Authorization", "Bearer " + token);
        assertThat(presign.status()).as(presign.body()).isEqualTo(200);
        URI url = URI.create(presign.result().get("url").asString());
        List<String> headers = new ArrayList<>();
        for (JsonNode header : presign.result().get("headers")) {
            if (!header.get("name").asString().equalsIgnoreCase("Content-Length")) {
                headers.add(header.get("name").asString());
                headers.add(header.get("value").asString());
            }
        }
        Reply upload = send(ALPHA, "PUT", url.getRawPath() + "?" + url.getRawQuery(), content, headers.toArray(String[]::new));
        Reply download = get(ALPHA, "/_asset/get/" + presign.result().get("asset_name").asString());

        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo("hello from alpha");
        assertThat(get(BETA, "/_asset/get/" + presign.result().get("asset_name").asString()).status()).isEqualTo(403);
    }

    @Test
    void restartOnTheSameDataDirKeepsUsersAndCreatesNothing() {
        String name = uniqueName();
        accessToken(signup(BETA, name));
        List<Plan> plansBefore = app.admin().plans();
        App alphaBefore = app.admin().appByName("alpha").orElseThrow();

        app.close();
        app = MultiTenantApp.start(new MultiTenantOptions(0, dataDir));

        assertThat(app.provisioningChanges()).noneMatch(change -> change.startsWith("created plan")
                || change.startsWith("created app"));
        assertThat(app.admin().plans()).extracting(Plan::id).containsExactlyElementsOf(plansBefore.stream().map(Plan::id).toList());
        App alphaAfter = app.admin().appByName("alpha").orElseThrow();
        assertThat(alphaAfter.id()).isEqualTo(alphaBefore.id());
        assertThat(alphaAfter.domains()).containsExactlyInAnyOrder(ALPHA, ALPHA + ":" + app.port());
        Reply login = post(BETA, "/_auth/login", """
                {"login_id_key":"username","login_id":"%s","password":"a-long-password"}""".formatted(name),
                "X-Skygear-API-Key", apiKey(BETA));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
    }
}
