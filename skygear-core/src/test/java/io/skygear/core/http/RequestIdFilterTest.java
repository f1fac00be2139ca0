package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

class RequestIdFilterTest {

    private static final String UUID_V4 = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    /** Reports what the application sees of the request id. */
    static final class SeenServlet extends JsonApiServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put("header", req.getHeader("X-Skygear-Request-Id"));
            seen.put("headers", Collections.list(req.getHeaders("x-skygear-request-id")));
            seen.put("names", Collections.list(req.getHeaderNames()).stream()
                    .filter(RequestIdFilter.HEADER::equalsIgnoreCase).count());
            seen.put("accessor", RequestIdFilter.requestId(req).orElse(null));
            seen.put("mdc", MDC.get(RequestIdFilter.MDC_KEY));
            ApiResponses.writeResult(resp, seen);
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer()
                .filter(new RequestIdFilter(), "/with/*")
                .filter(new RequestIdFilter(), "/with/nested/*")
                .servlet(new SeenServlet(), "/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRequestGetsAFreshUuidV4Everywhere() {
        HttpResponse<String> response = server.get("/with/x");
        String id = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertThat(id).matches(UUID_V4);
        JsonNode seen = Json.mapper().readTree(response.body()).get("result");
        assertThat(seen.get("header").stringValue()).isEqualTo(id);
        assertThat(seen.get("accessor").stringValue()).isEqualTo(id);
        assertThat(seen.get("mdc").stringValue()).isEqualTo(id);
        assertThat(server.get("/with/x").headers().firstValue(RequestIdFilter.HEADER)).isNotEqualTo(Optional.of(id));
    }

    @Test
    void clientValueIsReplaced() {
        HttpResponse<String> response = server.get("/with/x", "X-Skygear-Request-Id", "client-chosen");
        String id = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertThat(id).matches(UUID_V4);
        JsonNode seen = Json.mapper().readTree(response.body()).get("result");
        assertThat(seen.get("header").stringValue()).isEqualTo(id);
        assertThat(seen.get("headers").valueStream().map(JsonNode::stringValue)).containsExactly(id);
        assertThat(seen.get("names").intValue()).isEqualTo(1);
        assertThat(response.headers().allValues(RequestIdFilter.HEADER)).containsExactly(id);
    }

    @Test
    void nestedFilterKeepsTheOuterId() {
        HttpResponse<String> response = server.get("/with/nested/x");
        String id = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        JsonNode seen = Json.mapper().readTree(response.body()).get("result");
        assertThat(seen.get("accessor").stringValue()).isEqualTo(id);
        assertThat(seen.get("mdc").stringValue()).isEqualTo(id);
    }

    @Test
    void mdcIsClearedAfterTheRequest() {
        for (int i = 0; i < 20; i++) {
            server.get("/with/x");
            HttpResponse<String> outside = server.get("/without");
            JsonNode seen = Json.mapper().readTree(outside.body()).get("result");
            assertThat(outside.headers().firstValue(RequestIdFilter.HEADER)).isEmpty();
            assertThat(seen.get("mdc").isNull()).as("MDC leaked into a later request").isTrue();
            assertThat(seen.get("accessor").isNull()).isTrue();
        }
    }
}
