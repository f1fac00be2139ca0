package io.skygear.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The original's CORS vectors: one tenant per path prefix, each with its own origin spec. */
class CorsFilterTest {

    static final class OkServlet extends JsonApiServlet {
        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            ApiResponses.writeResult(resp, Map.of("ok", true));
        }
    }

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer()
                .filter(TestTenants.filter("*.example.com"), "/wildcard/*")
                .filter(TestTenants.filter("localhost:3000"), "/local/*")
                .filter(TestTenants.filter("*"), "/any/*")
                .filter(TestTenants.filter("example.*"), "/invalid/*")
                .filter(TestTenants.filter(""), "/empty/*")
                .filter(new CorsFilter(), "/*")
                .servlet(new OkServlet(), "/*")
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .method(method, method.equals("POST")
                        ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return server.send(b.build());
    }

    private static void assertNoCors(HttpResponse<String> response) {
        assertThat(response.headers().allValues("Vary")).contains("Origin");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void preflightFromAMatchingOriginIsAnsweredHere() {
        HttpResponse<String> response = send("OPTIONS", "/wildcard/x", "Origin", "http://test.example.com",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "Cookie");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().allValues("Vary")).contains("Origin");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://test.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).contains("x-skygear-try-refresh-token");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).contains("GET");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).contains("Cookie");
    }

    @Test
    void simpleRequestFromAMatchingOriginReachesTheServlet() {
        HttpResponse<String> response = send("POST", "/wildcard/x", "Origin", "http://test.example.com",
                "Content-Type", "application/json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"result\":{\"ok\":true}}\n");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://test.example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }

    @Test
    void localhostWithPortMatches() {
        HttpResponse<String> response = send("OPTIONS", "/local/x", "Origin", "http://localhost:3000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertNoCors(send("OPTIONS", "/local/x", "Origin", "http://localhost:3001"));
    }

    @Test
    void starEchoesTheOrigin() {
        HttpResponse<String> response = send("OPTIONS", "/any/x", "Origin", "https://example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://example.com");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    }

    @Test
    void nonMatchingOriginGetsNoCorsHeadersButPreflightStillEndsHere() {
        HttpResponse<String> response = send("OPTIONS", "/wildcard/x", "Origin", "http://example1.com",
                "Access-Control-Request-Method", "GET");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertNoCors(response);
    }

    @Test
    void invalidSpecGivesNoCorsHeadersAtAll() {
        assertNoCors(send("OPTIONS", "/invalid/x", "Origin", "http://test.example.com"));
        assertNoCors(send("POST", "/invalid/x", "Origin", "http://example.com"));
    }

    @Test
    void emptySpecAllowsNoOrigin() {
        assertNoCors(send("OPTIONS", "/empty/x", "Origin", "http://localhost"));
    }

    @Test
    void requestWithoutOriginOnlyVaries() {
        HttpResponse<String> response = send("POST", "/any/x");
        assertThat(response.statusCode()).isEqualTo(200);
        assertNoCors(response);
    }
}
