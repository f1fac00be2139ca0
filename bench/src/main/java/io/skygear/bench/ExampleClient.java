package io.skygear.bench;

import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * A client of the example app's API as a browser or mobile app would call it: API key on every request,
 * header tokens, one JDK HttpClient (HTTP/1.1, keep-alive) on virtual threads. Every method returns a
 * {@link Call} and never throws for a transport error, so that the harness counts it.
 */
final class ExampleClient implements AutoCloseable {

    private final URI base;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    e.g. {@code http://127.0.0.1:8080}
     * @param timeout per request; a request without an answer by then counts as {@code timeout}
     */
    ExampleClient(URI base, String apiKey, Duration timeout) {
        this.base = base;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    /**
     * {@code POST /_auth/signup} with a username login ID. {@code clientIp} goes in {@code X-Real-IP}, as a
     * load balancer would set it: the harness's virtual users stand for many clients, not one IP.
     */
    Call signup(String username, String password, String clientIp) {
        return post("/_auth/signup", Map.of("login_ids", List.of(Map.of("key", "username", "value", username)),
                "password", password), null, clientIp);
    }

    /** {@code POST /_auth/login} (bcrypt: expensive on purpose). */
    Call login(String username, String password, String clientIp) {
        return post("/_auth/login", Map.of("login_id", username, "password", password), null, clientIp);
    }

    /** {@code POST /_auth/me}: the token check every authenticated request of an app makes. */
    Call me(String accessToken) {
        return post("/_auth/me", Map.of(), accessToken, null);
    }

    /** {@code GET path} with the API key, body discarded, e.g. {@code /api/hello}. */
    Call get(String path) {
        return send(request(path).GET().build(), false);
    }

    /**
     * Uploads {@code bytes} as a public {@code image/jpeg} asset the reference client's way (presign, then
     * PUT to the signed URL) and returns its name; fails unless both steps succeed.
     */
    String uploadJpeg(String accessToken, byte[] bytes) {
        Call presign = post("/_asset/presign_upload", Map.of("prefix", "bench-", "headers",
                Map.of("content-type", "image/jpeg", "content-length", String.valueOf(bytes.length))), accessToken, null);
        if (!presign.ok()) {
            throw new IllegalStateException("presign_upload failed: " + presign.errorKind() + " " + presign.body());
        }
        JsonNode result = presign.result();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(result.get("url").asString()))
                .timeout(timeout).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (JsonNode header : result.get("headers")) {
            String name = header.get("name").asString();
            if (!name.equalsIgnoreCase("Content-Length")) {   // restricted: the client sets it from the body
                put.header(name, header.get("value").asString());
            }
        }
        Call upload = send(put.build(), true);
        if (!upload.ok()) {
            throw new IllegalStateException("asset upload failed: " + upload.errorKind() + " " + upload.body());
        }
        return result.get("asset_name").asString();
    }

    private Call post(String path, Map<String, ?> body, String accessToken, String clientIp) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        if (clientIp != null) {
            request.header("X-Real-IP", clientIp);
        }
        return send(request.build(), true);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header(AccessKeyFilter.HEADER, apiKey);
    }

    private Call send(HttpRequest request, boolean keepBody) {
        long start = System.nanoTime();
        try {
            if (keepBody) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return Call.answered(start, response.statusCode(), response.body());
            }
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return Call.answered(start, response.statusCode(), "");
        } catch (IOException e) {
            return Call.failed(start, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Call.failed(start, new IOException("interrupted", e));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
