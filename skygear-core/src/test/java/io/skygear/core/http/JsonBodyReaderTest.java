package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsonBodyReaderTest {

    record Sample(String name, int count, long big, double ratio, boolean enabled, List<String> tags,
                  Map<String, Integer> scores, Optional<Inner> inner, Optional<ObjectNode> metadata,
                  Optional<JsonNode> anything) {}

    record Inner(String loginIdKey, Optional<Integer> limit) {}

    record PresignUpload(Optional<String> prefix, Headers headers) {}

    record Headers(@JsonProperty("content-length") String contentLength, Optional<String> contentType) {}

    record Unsupported(java.util.Set<String> values) {}

    static final class ReadServlet extends JsonApiServlet {
        private final JsonBodyReader reader;

        ReadServlet(JsonBodyReader reader) {
            this.reader = reader;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            switch (req.getPathInfo()) {
                case "/sample" -> ApiResponses.writeResult(resp, reader.read(req, Sample.class));
                case "/presign_upload" -> ApiResponses.writeResult(resp, reader.read(req, PresignUpload.class));
                case "/tree" -> {
                    JsonNode tree = reader.readTree(req);
                    ApiResponses.writeResult(resp, Map.of("type", tree.getNodeType().name(), "size", tree.size()));
                }
                default -> resp.sendError(404);
            }
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer()
                .servlet(new ReadServlet(JsonBodyReader.standard()), "/read/*")
                .servlet(new ReadServlet(JsonBodyReader.withMaxBytes(1024)), "/small/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return server.send(b.build());
    }

    static HttpResponse<String> post(String path, String json) {
        return server.postJson(path, json);
    }

    static JsonNode json(HttpResponse<String> response) {
        return Json.mapper().readTree(response.body());
    }

    static final String VALID = """
            {"name":"n","count":1,"big":2,"ratio":0.5,"enabled":true,"tags":["a"],"scores":{"x":1}}""";

    static final String INVALID_BODY =
            "{\"error\":{\"name\":\"BadRequest\",\"reason\":\"BadRequest\",\"message\":\"invalid request body\",\"code\":400}}\n";

    @Nested
    class ContentType {
        static final String REJECTED = "{\"error\":{\"name\":\"BadRequest\",\"reason\":\"BadRequest\","
                + "\"message\":\"request content type is invalid\",\"code\":400}}\n";

        @Test
        void jsonWithOptionalUtf8CharsetIsAccepted() {
            for (String type : List.of("application/json", "application/json; charset=UTF-8",
                    "application/json;charset=utf-8", "Application/JSON", "application/json; CHARSET=\"utf-8\"",
                    "application/json;")) {
                HttpResponse<String> response = post("/read/tree", type, "{}".getBytes(StandardCharsets.UTF_8));
                assertThat(response.statusCode()).as(type).isEqualTo(200);
            }
        }

        @Test
        void otherContentTypesAreRejected() {
            for (String type : List.of("application/json; foo=bar", "text/html", "application/json; charset=latin1",
                    "application/json; charset=utf-8; foo=bar", "application/jsonx", "text/plain",
                    "application/x-www-form-urlencoded")) {
                HttpResponse<String> response = post("/read/tree", type, "{}".getBytes(StandardCharsets.UTF_8));
                assertThat(response.statusCode()).as(type).isEqualTo(400);
                assertThat(response.body()).as(type).isEqualTo(REJECTED);
            }
        }

        @Test
        void missingContentTypeIsRejected() {
            HttpResponse<String> response = post("/read/tree", null, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo(REJECTED);
        }
    }

    @Nested
    class Size {
        @Test
        void bodyAtTheLimitIsRead() {
            String json = "{}" + " ".repeat(1022);
            HttpResponse<String> response = post("/small/tree", json);
            assertThat(response.statusCode()).isEqualTo(200);
        }

        @Test
        void bodyOverTheLimitIsRejected() {
            HttpResponse<String> response = post("/small/tree", "{}" + " ".repeat(1023));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).at("/error/reason").stringValue()).isEqualTo("BadRequest");
            assertThat(json(response).at("/error/message").stringValue())
                    .isEqualTo("request body is too large (limit: 1024 bytes)");
        }

        @Test
        void chunkedBodyOverTheLimitIsRejectedWhileCounting() {
            byte[] body = ("{}" + " ".repeat(4000)).getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(server.uri("/small/tree"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();
            HttpResponse<String> response = server.send(request);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).at("/error/message").stringValue()).contains("too large");
        }

        @Test
        void defaultLimitIsTenMebibytes() {
            int limit = JsonBodyReader.DEFAULT_MAX_BYTES;
            assertThat(limit).isEqualTo(10 * 1024 * 1024);
            String atLimit = "{\"s\":\"" + "a".repeat(limit - 8) + "\"}";
            assertThat(post("/read/tree", atLimit).statusCode()).isEqualTo(200);
            // the client waits for "100 Continue", which a rejected body never gets: it sends nothing
            HttpResponse<String> over = server.send(HttpRequest.newBuilder(server.uri("/read/tree"))
                    .header("Content-Type", "application/json")
                    .expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofString(atLimit + " "))
                    .build());
            assertThat(over.statusCode()).isEqualTo(400);
            assertThat(json(over).at("/error/message").stringValue())
                    .isEqualTo("request body is too large (limit: 10485760 bytes)");
        }

        @Test
        void rejectedBodiesLeaveTheConnectionReusable() {
            byte[] body = ("{}" + " ".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 200; i++) {
                String path = i % 2 == 0 ? "/small/tree" : "/read/tree";
                HttpResponse<String> response = post(path, i % 4 < 2 ? "text/plain" : "application/json", body);
                assertThat(response.statusCode()).isEqualTo(i % 4 < 2 || i % 2 == 0 ? 400 : 200);
            }
        }

        @Test
        void limitMustBePositive() {
            assertThatThrownBy(() -> JsonBodyReader.withMaxBytes(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Malformed {
        @Test
        void syntaxErrorsAreBadRequest() {
            for (String body : List.of("", " ", "{", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "[1,]",
                    "{\"a\":1}x", "{\"a\":1} {}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":\"\u0001\"}", "nul")) {
                HttpResponse<String> response = post("/read/tree", body);
                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(response.body()).as(body).isEqualTo(INVALID_BODY);
            }
        }

        @Test
        void duplicateKeysAreBadRequest() {
            assertThat(post("/read/tree", "{\"a\":1,\"a\":2}").body()).isEqualTo(INVALID_BODY);
            assertThat(post("/read/sample", "{\"name\":\"a\",\"name\":\"b\"}").body()).isEqualTo(INVALID_BODY);
        }

        @Test
        void invalidUtf8IsBadRequest() {
            byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            assertThat(post("/read/tree", "application/json", body).body()).isEqualTo(INVALID_BODY);
        }

        @Test
        void nestingBeyondOneHundredLevelsIsBadRequest() {
            assertThat(post("/read/tree", "[".repeat(100) + "]".repeat(100)).statusCode()).isEqualTo(200);
            assertThat(post("/read/tree", "[".repeat(101) + "]".repeat(101)).body()).isEqualTo(INVALID_BODY);
            assertThat(post("/read/tree", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).body()).isEqualTo(INVALID_BODY);
        }

        @Test
        void numbersLongerThanAThousandDigitsAreBadRequest() {
            assertThat(post("/read/tree", "[" + "9".repeat(1000) + "]").statusCode()).isEqualTo(200);
            assertThat(post("/read/tree", "[" + "9".repeat(1001) + "]").body()).isEqualTo(INVALID_BODY);
        }

        @Test
        void numbersOverAThousandDigitsWrittenOutAreBadRequest() {
            assertThat(post("/read/tree", "[1e999, -1e-1000, 1.5e998]").statusCode()).isEqualTo(200);
            for (String number : List.of("1e1000", "-1e-1001", "1e999999999", "1E+2147483648", "1e-2147483649")) {
                assertThat(post("/read/tree", "{\"a\":[" + number + "]}").body()).as(number).isEqualTo(INVALID_BODY);
            }
        }
    }

    @Nested
    class Binding {
        @Test
        void validBodyBindsToTheRecordInSnakeCase() {
            String body = """
                    {"name":"n","count":1.0,"big":9007199254740993,"ratio":1e2,"enabled":false,"tags":[],
                     "scores":{"a":-1},"inner":{"login_id_key":"email"},"metadata":{"k":[1]},"anything":null}""";
            HttpResponse<String> response = post("/read/sample", body);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"result\":{\"name\":\"n\",\"count\":1,\"big\":9007199254740993,"
                    + "\"ratio\":100.0,\"enabled\":false,\"tags\":[],\"scores\":{\"a\":-1},"
                    + "\"inner\":{\"login_id_key\":\"email\",\"limit\":null},\"metadata\":{\"k\":[1]},\"anything\":null}}\n");
        }

        @Test
        void missingRequiredPropertiesAreEachReported() {
            HttpResponse<String> response = post("/read/sample", "{}");
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(causes(response)).containsExactly(
                    "Required /big big is required",
                    "Required /count count is required",
                    "Required /enabled enabled is required",
                    "Required /name name is required",
                    "Required /ratio ratio is required",
                    "Required /scores scores is required",
                    "Required /tags tags is required");
        }

        @Test
        void wrongTypesAreReportedWithoutCoercion() {
            String body = """
                    {"name":1,"count":"1","big":1.5,"ratio":"0.5","enabled":null,"tags":[1,"b",null],
                     "scores":{"x":true},"inner":[],"metadata":"m"}""";
            HttpResponse<String> response = post("/read/sample", body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(causes(response)).containsExactly(
                    "Type /big Invalid type. Expected: integer, given: number {expected=integer}",
                    "Type /count Invalid type. Expected: integer, given: string {expected=integer}",
                    "Type /enabled Invalid type. Expected: boolean, given: null {expected=boolean}",
                    "Type /inner Invalid type. Expected: object, given: array {expected=object}",
                    "Type /metadata Invalid type. Expected: object, given: string {expected=object}",
                    "Type /name Invalid type. Expected: string, given: integer {expected=string}",
                    "Type /ratio Invalid type. Expected: number, given: string {expected=number}",
                    "Type /scores/x Invalid type. Expected: integer, given: boolean {expected=integer}",
                    "Type /tags/0 Invalid type. Expected: string, given: integer {expected=string}",
                    "Type /tags/2 Invalid type. Expected: string, given: null {expected=string}");
        }

        @Test
        void unknownPropertiesAreExtraEntriesAtTheirPointer() {
            String body = VALID.replace("}}", "},\"inner\":{\"login_id_key\":\"k\",\"a/b~c\":1},\"extra\":{}}");
            HttpResponse<String> response = post("/read/sample", body);
            assertThat(causes(response)).containsExactly(
                    "ExtraEntry /extra Additional property extra is not allowed",
                    "ExtraEntry /inner/a~1b~0c Additional property a/b~c is not allowed");
        }

        @Test
        void allCausesAreReportedAtOnceSortedByPointerThenKind() {
            String body = "{\"zz\":1,\"name\":2,\"inner\":{\"limit\":\"x\"},\"aa\":null}";
            HttpResponse<String> response = post("/read/sample", body);
            assertThat(json(response).at("/error/name").stringValue()).isEqualTo("Invalid");
            assertThat(json(response).at("/error/reason").stringValue()).isEqualTo("ValidationFailed");
            assertThat(json(response).at("/error/message").stringValue()).isEqualTo("invalid request body");
            assertThat(causes(response)).containsExactly(
                    "ExtraEntry /aa Additional property aa is not allowed",
                    "Required /big big is required",
                    "Required /count count is required",
                    "Required /enabled enabled is required",
                    "Type /inner/limit Invalid type. Expected: integer, given: string {expected=integer}",
                    "Required /inner/login_id_key login_id_key is required",
                    "Type /name Invalid type. Expected: string, given: integer {expected=string}",
                    "Required /ratio ratio is required",
                    "Required /scores scores is required",
                    "Required /tags tags is required",
                    "ExtraEntry /zz Additional property zz is not allowed");
        }

        @Test
        void outOfRangeNumbersAreNumberRangeCauses() {
            String body = VALID.replace("\"count\":1", "\"count\":2147483648")
                    .replace("\"big\":2", "\"big\":-123456789012345678901234567890")
                    .replace("\"ratio\":0.5", "\"ratio\":1e400")
                    .replace("\"x\":1", "\"x\":1e999");
            HttpResponse<String> response = post("/read/sample", body);
            assertThat(causes(response)).containsExactly(
                    "NumberRange /big Must be greater than or equal to -9223372036854775808 {gte=-9223372036854775808}",
                    "NumberRange /count Must be less than or equal to 2147483647 {lte=2147483647}",
                    "NumberRange /ratio Must be less than or equal to 1.7976931348623157E+308 {lte=1.7976931348623157E+308}",
                    "NumberRange /scores/x Must be less than or equal to 2147483647 {lte=2147483647}");
        }

        @Test
        void rootMustBeAnObject() {
            for (String body : List.of("null", "[]", "\"s\"", "1")) {
                HttpResponse<String> response = post("/read/sample", body);
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(causes(response)).singleElement().asString().startsWith("Type  Invalid type. Expected: object");
            }
        }

        @Test
        void presignUploadExamplesOfTheOriginal() {
            assertThat(post("/read/presign_upload", "{}").body()).isEqualTo("{\"error\":{\"name\":\"Invalid\","
                    + "\"reason\":\"ValidationFailed\",\"message\":\"invalid request body\",\"code\":400,\"info\":{\"causes\":"
                    + "[{\"kind\":\"Required\",\"message\":\"headers is required\",\"pointer\":\"/headers\"}]}}}\n");
            assertThat(causes(post("/read/presign_upload", "{\"headers\":{}}")))
                    .containsExactly("Required /headers/content-length content-length is required");
            assertThat(post("/read/presign_upload", "{\"headers\":{\"content-length\":\"123\"}}").body())
                    .isEqualTo("{\"result\":{\"prefix\":null,\"headers\":{\"content-length\":\"123\",\"content_type\":null}}}\n");
        }

        @Test
        void unsupportedComponentTypesFailFast() {
            JsonNode node = Json.mapper().readTree("{\"values\":[]}");
            assertThatThrownBy(() -> JsonBodyReader.bind(node, Unsupported.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("java.util.Set");
        }

        @Test
        void treeIsAvailableForCustomValidation() {
            HttpResponse<String> response = post("/read/tree", "[1,2,3]");
            assertThat(response.body()).isEqualTo("{\"result\":{\"size\":3,\"type\":\"ARRAY\"}}\n");
        }
    }

    /** Causes as "kind pointer message {details}" in response order. */
    static List<String> causes(HttpResponse<String> response) {
        return json(response).at("/error/info/causes").valueStream()
                .map(c -> (c.get("kind").stringValue() + " " + c.get("pointer").stringValue() + " "
                        + c.get("message").stringValue() + (c.has("details") ? " " + details(c.get("details")) : "")))
                .toList();
    }

    private static String details(JsonNode details) {
        StringBuilder sb = new StringBuilder("{");
        details.properties().forEach(e -> sb.append(sb.length() > 1 ? ", " : "").append(e.getKey()).append('=')
                .append(e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString()));
        return sb.append('}').toString();
    }
}
