package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.HOST_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.config.DeploymentRoute;
import io.skygear.core.config.DeploymentRouteType;
import io.skygear.core.http.Json;
import io.skygear.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bodies stream through the proxy both ways, never held whole: the backend sees the first bytes of an
 * upload while the client is still sending, and the client reads the first bytes of a download before
 * the backend writes the rest. A backend slower than the response timeout is 504.
 */
class StreamingProxyTest {

    static final long UPLOAD_BYTES = 100L * 1024 * 1024;
    /** The client sends this much, then waits for the backend to have seen bytes. */
    static final long SEND_BEFORE_WAITING = 16L * 1024 * 1024;

    static final CountDownLatch backendSawBytes = new CountDownLatch(1);
    static final CountDownLatch clientSawFirstChunk = new CountDownLatch(1);
    static final CountDownLatch releaseSlow = new CountDownLatch(1);

    static GatewayFixture fixture;
    static TestServer backend;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(s -> s.responseTimeout(Duration.ofSeconds(1)), (g, b) -> g);
        backend = new TestServer()
                .servlet(new Upload(), "/upload")
                .servlet(new Download(), "/download")
                .servlet(new Slow(), "/slow")
                .start();
        fixture.admin.setRoutes(fixture.appA.id(), List.of(new DeploymentRoute("", "/b", DeploymentRouteType.HTTP_SERVICE,
                Map.of("backend_url", backend.uri("/").toString()))));
    }

    @AfterAll
    static void stop() {
        releaseSlow.countDown();
        backend.close();
        fixture.close();
    }

    @Test
    void hundredMegabyteUploadIsStreamedNotBuffered() throws Exception {
        MessageDigest sent = GatewayFixture.digest();
        AtomicBoolean sawBytesWhileSending = new AtomicBoolean();
        InputStream source = new InputStream() {
            long position;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= UPLOAD_BYTES) {
                    return -1;
                }
                if (position == SEND_BEFORE_WAITING) {
                    try {
                        // a gateway that buffered the whole body would never let the backend see a byte
                        sawBytesWhileSending.set(backendSawBytes.await(60, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                long limit = position < SEND_BEFORE_WAITING ? SEND_BEFORE_WAITING : UPLOAD_BYTES;
                int n = (int) Math.min(length, limit - position);
                for (int i = 0; i < n; i++) {
                    long p = position + i;
                    buffer[offset + i] = (byte) (p * 31 + (p >>> 13));
                }
                sent.update(buffer, offset, n);
                position += n;
                return n;
            }
        };
        HttpRequest request = HttpRequest.newBuilder(fixture.server.uri("/b/upload")).header("Host", HOST_A)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> source),
                        UPLOAD_BYTES))
                .build();

        HttpResponse<String> response = fixture.server.send(request);

        assertThat(sawBytesWhileSending).isTrue();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode json = Json.mapper().readTree(response.body());
        assertThat(json.get("bytes").asLong()).isEqualTo(UPLOAD_BYTES);
        assertThat(json.get("sha256").asString()).isEqualTo(HexFormat.of().formatHex(sent.digest()));
    }

    @Test
    void downloadIsStreamedAsTheBackendWritesIt() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(fixture.server.uri("/b/download")).header("Host", HOST_A).build();

        HttpResponse<InputStream> response = fixture.server.client().send(request, HttpResponse.BodyHandlers.ofInputStream());

        try (InputStream body = response.body()) {
            byte[] first = body.readNBytes("first;".length());
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first;");
            clientSawFirstChunk.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("rest");
        }
    }

    @Test
    void backendSlowerThanTheResponseTimeoutIs504() {
        GatewayFixture.Reply reply = fixture.get(HOST_A, "/b/slow");

        assertThat(reply.status()).isEqualTo(504);
        assertThat(reply.body()).isEmpty();
    }

    /** Hashes what arrives; tells the test once it has seen the first megabyte. */
    static final class Upload extends HttpServlet {

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            MessageDigest digest = GatewayFixture.digest();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            try (InputStream in = request.getInputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    digest.update(buffer, 0, n);
                    total += n;
                    if (total >= 1024 * 1024) {
                        backendSawBytes.countDown();
                    }
                }
            }
            response.setContentType("application/json");
            response.getWriter().write(Json.mapper().writeValueAsString(
                    Map.of("bytes", total, "sha256", HexFormat.of().formatHex(digest.digest()))));
        }
    }

    /** Writes a first chunk, and the rest only once the client has read it. */
    static final class Download extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            OutputStream out = response.getOutputStream();
            out.write("first;".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                clientSawFirstChunk.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("rest".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Answers only when the test class ends. */
    static final class Slow extends HttpServlet {

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                releaseSlow.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.getWriter().write("late");
        }
    }
}
