package io.skygear.auth.internal.sso.provider;

import io.skygear.auth.internal.sso.SsoErrors;
import io.skygear.core.error.SkygearException;
import io.skygear.core.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls to OAuth providers over the JDK HTTP client, with a timeout on every call. Whatever goes wrong
 * becomes a 401 {@code SSOFailed}: no connection, a timeout or a provider 5xx is {@code NetworkFailed};
 * a refusal (4xx) or an answer that is not a JSON object is {@code Unauthorized} "oauth failed". Never a
 * 500, and no token or secret in the logs.
 */
public final class ProviderHttp {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
    /** Provider documents are small; anything larger is refused rather than buffered. */
    private static final int MAX_BODY = 1 << 20;

    private final HttpClient client;
    private final Duration timeout;

    public ProviderHttp(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** POSTs {@code form} (application/x-www-form-urlencoded) and reads the JSON object answered. */
    public JsonNode postForm(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** GETs a JSON object, with {@code Authorization: Bearer} when a token is given. */
    public JsonNode getJson(URI uri, Optional<String> bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return send(request.build());
    }

    /** {@code uri} with {@code name=value} added to its query. */
    public static URI withQuery(URI uri, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String base = uri.toString();
        return URI.create(base + (uri.getRawQuery() == null ? "?" : "&") + query);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode send(HttpRequest request) {
        String target = request.uri().getScheme() + "://" + request.uri().getRawAuthority() + request.uri().getRawPath();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
        } catch (IOException e) {
            LOG.warn("SSO provider call {} {} failed: {}", request.method(), target, e.toString());
            throw SsoErrors.failed(SsoErrors.Cause.NetworkFailed, "failed to connect to the provider");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SsoErrors.failed(SsoErrors.Cause.NetworkFailed, "failed to connect to the provider");
        }
        int status = response.statusCode();
        if (status >= 500) {
            LOG.warn("SSO provider call {} {} answered {}", request.method(), target, status);
            throw SsoErrors.failed(SsoErrors.Cause.NetworkFailed, "the provider is unavailable");
        }
        JsonNode json = parse(body);
        if (status >= 300 || json == null || !json.isObject() || json.has("error")) {
            LOG.info("SSO provider call {} {} refused: status {}, error {}", request.method(), target, status,
                    json == null ? "(not JSON)" : json.path("error").toString());
            throw oauthFailed();
        }
        return json;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length > MAX_BODY) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** 401 {@code SSOFailed/Unauthorized} "oauth failed". */
    public static SkygearException oauthFailed() {
        return SsoErrors.failed(SsoErrors.Cause.Unauthorized, "oauth failed");
    }
}
