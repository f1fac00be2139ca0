package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.error.ValidationCause;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The response envelope, byte for byte as the original wrote it. */
class ApiResponsesTest {

    record PresignResult(String assetName, List<Header> headers, String method, String url) {}

    record Header(String name, String value) {}

    static final class EnvelopeServlet extends JsonApiServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getPathInfo()) {
                case "/presign" -> ApiResponses.writeResult(resp, new PresignResult("a.png",
                        List.of(new Header("Content-Length", "123")), "PUT", "https://storage/a.png"));
                case "/empty" -> ApiResponses.writeResult(resp, Map.of());
                case "/created" -> ApiResponses.writeResult(resp, 201, Map.of("id", "n1"));
                case "/no-content" -> ApiResponses.writeResult(resp, 204, Map.of());
                case "/nil" -> ApiResponses.writeResult(resp, null);
                case "/sorted-map" -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("zeta", 1);
                    map.put("alpha", List.of());
                    ApiResponses.writeResult(resp, map);
                }
                case "/html" -> ApiResponses.writeResult(resp, "<a href=\"x\">&</a>\u2028\u2029\u0001\u001f\t\n é😀");
                case "/internal" -> throw new SkygearException(ErrorName.INTERNAL_ERROR, "InternalError",
                        "internal server error");
                case "/cause" -> throw new SkygearException(ErrorName.INVALID, "PasswordPolicyViolated",
                        "password policy is violated", Map.of("causes", List.of(Map.of("kind", "TooShort"))));
                case "/pattern" -> throw SkygearException.validationFailed("invalid request body", List.of(
                        new ValidationCause("StringFormat", "/prefix", "Does not match pattern '^[-_.a-zA-Z0-9]*$'",
                                Map.of("pattern", "^[-_.a-zA-Z0-9]*$"))));
                case "/disabled" -> throw new SkygearException(ErrorName.FORBIDDEN, "UserDisabled", "user is disabled",
                        Map.of("message", "bye", "expiry", "2030-01-01T00:00:00Z"));
                case "/not-found" -> throw SkygearException.of(ErrorName.NOT_FOUND, "user not found");
                default -> resp.sendError(404);
            }
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer().servlet(new EnvelopeServlet(), "/e/*").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) {
        return server.get("/e" + path);
    }

    @Test
    void createdResultKeepsTheEnvelopeWithItsStatus() {
        HttpResponse<String> response = get("/created");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"result\":{\"id\":\"n1\"}}\n");
    }

    @Test
    void successStatusWithoutBodyIsRefused() {
        // 204 cannot carry the envelope: the servlet's bug surfaces as the logged 500, not a broken reply
        assertThat(get("/no-content").statusCode()).isEqualTo(500);
    }

    @Test
    void resultRecordIsWrappedInSnakeCase() {
        HttpResponse<String> response = get("/presign");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"result\":{\"asset_name\":\"a.png\",\"headers\":[{\"name\":"
                + "\"Content-Length\",\"value\":\"123\"}],\"method\":\"PUT\",\"url\":\"https://storage/a.png\"}}\n");
    }

    @Test
    void emptyResultIsAnEmptyObjectAndNullIsOmitted() {
        assertThat(get("/empty").body()).isEqualTo("{\"result\":{}}\n");
        assertThat(get("/nil").body()).isEqualTo("{}\n");
    }

    @Test
    void mapKeysAreSortedLikeGo() {
        assertThat(get("/sorted-map").body()).isEqualTo("{\"result\":{\"alpha\":[],\"zeta\":1}}\n");
    }

    @Test
    void stringsAreEscapedLikeGo() {
        assertThat(get("/html").body()).isEqualTo("{\"result\":\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e"
                + "\\u2028\\u2029\\u0001\\u001f\\t\\n é😀\"}\n");
    }

    @Test
    void errorWithoutInfoOmitsInfo() {
        HttpResponse<String> response = get("/internal");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo(
                "{\"error\":{\"name\":\"InternalError\",\"reason\":\"InternalError\",\"message\":\"internal server error\",\"code\":500}}\n");
    }

    @Test
    void plainCausesAreWrittenAsGiven() {
        HttpResponse<String> response = get("/cause");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"error\":{\"name\":\"Invalid\",\"reason\":\"PasswordPolicyViolated\","
                + "\"message\":\"password policy is violated\",\"code\":400,\"info\":{\"causes\":[{\"kind\":\"TooShort\"}]}}}\n");
    }

    @Test
    void validationCauseWritesKindMessagePointerDetails() {
        assertThat(get("/pattern").body()).isEqualTo("{\"error\":{\"name\":\"Invalid\",\"reason\":\"ValidationFailed\","
                + "\"message\":\"invalid request body\",\"code\":400,\"info\":{\"causes\":[{\"kind\":\"StringFormat\","
                + "\"message\":\"Does not match pattern '^[-_.a-zA-Z0-9]*$'\",\"pointer\":\"/prefix\","
                + "\"details\":{\"pattern\":\"^[-_.a-zA-Z0-9]*$\"}}]}}}\n");
    }

    @Test
    void infoKeysAreSortedAndStatusFollowsTheName() {
        HttpResponse<String> disabled = get("/disabled");
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).isEqualTo("{\"error\":{\"name\":\"Forbidden\",\"reason\":\"UserDisabled\",\"message\":"
                + "\"user is disabled\",\"code\":403,\"info\":{\"expiry\":\"2030-01-01T00:00:00Z\",\"message\":\"bye\"}}}\n");
        HttpResponse<String> notFound = get("/not-found");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo(
                "{\"error\":{\"name\":\"NotFound\",\"reason\":\"NotFound\",\"message\":\"user not found\",\"code\":404}}\n");
    }
}
