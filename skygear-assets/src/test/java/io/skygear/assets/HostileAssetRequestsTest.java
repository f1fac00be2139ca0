package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static io.skygear.assets.AssetFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on every asset endpoint (filesystem storage): malformed and mistyped bodies, hostile
 * names, broken query strings, signatures and headers, garbage multipart. Bad input gets a 4xx, never a
 * 5xx. Seeded, so a failure names a reproducible case.
 */
class HostileAssetRequestsTest {

    static final List<String> BODIES = List.of("", "null", "[]", "\"x\"", "1e999999", "{", "{}}", "{\"headers\":null}",
            "{\"headers\":[]}", "{\"headers\":{\"content-length\":1}}", "{\"headers\":{\"content-length\":\"\"}}",
            "{\"headers\":{\"content-length\":\"99999999999999999999999\"}}",
            "{\"headers\":{\"content-length\":\"1\",\"content-type\":\"\\u0000\"}}",
            "{\"headers\":{\"content-length\":\"1\",\"content-type\":\"no slash\"}}",
            "{\"prefix\":\"\\u0000\",\"headers\":{\"content-length\":\"1\"}}",
            "{\"prefix\":\"" + "p".repeat(5000) + "\",\"headers\":{\"content-length\":\"1\"}}",
            "{\"access\":\"secret\",\"headers\":{\"content-length\":\"1\"}}",
            "{\"exact_name\":\"..\",\"headers\":{\"content-length\":\"1\"}}",
            "{\"exact_name\":7,\"headers\":{\"content-length\":\"1\"}}",
            "{\"assets\":[{\"asset_name\":\"a\",\"expire\":1e400}]}", "{\"assets\":[{\"asset_name\":\"../x\"}]}",
            "{\"assets\":[null]}", "{\"assets\":{}}");
    static final List<String> NAMES = List.of("..", ".", "%2e%2e", "%00", "a%00b", "%ff%fe", "%C3%BC", "x".repeat(1000),
            "a%2Fb", "%25", "~", "a~b", "con", "%20", "a;b", "a%3Fb");
    static final List<String> QUERIES = List.of("%", "%zz", "a=%", "x-skygear-signature=", "x-skygear-signature=zz",
            "x-skygear-signature=00&x-skygear-date=2024&x-skygear-expires=1",
            "x-skygear-signature=00&x-skygear-date=2024-03-01T10:00:00Z&x-skygear-expires=99999999999999999999",
            "pipeline=", "pipeline=image/resize,w_99999", "pipeline=%00", "pagination_token=%%%", "pagination_token=!!",
            "prefix=%00", "prefix=_%25");
    static final List<String[]> HEADERS = List.of(new String[] {"Range", "bytes=99999999999999999999-"},
            new String[] {"Range", "bytes=-0"}, new String[] {"Range", "bytes=0-0,-1"},
            new String[] {"If-None-Match", "\u00ff"}, new String[] {"If-Range", "W/\"x\""},
            new String[] {"Content-Type", "multipart/form-data; boundary=" + "b".repeat(200)},
            new String[] {"Content-Type", "multipart/form-data; boundary=\"\""},
            new String[] {"X-Forwarded-Host", "evil.example.com"});

    static AssetFixture fixture;
    static String existing;

    @BeforeAll
    static void start() {
        fixture = AssetFixture.start(AssetFixture.Backend.FILESYSTEM);
        existing = fixture.upload(fixture.a, "image/png", DownloadContract.png(20, 10));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void noHostileRequestGetsA5xx() {
        Random random = new Random(20261125);
        List<String> failures = new ArrayList<>();
        List<String> paths = new ArrayList<>(List.of("/_asset/presign_upload", "/_asset/presign_upload_form",
                "/_asset/upload_form", "/_asset/get_signed_url", "/_asset/assets", "/_asset/get/" + existing,
                "/_asset/nothing", "/_asset/get/", "/_asset/get/a/b"));
        for (String name : NAMES) {
            paths.add("/_asset/get/" + name);
            paths.add("/_asset/delete/" + name);
            paths.add("/_asset/upload/" + name);
        }
        for (int i = 0; i < 1200; i++) {
            String path = paths.get(random.nextInt(paths.size()));
            String query = random.nextBoolean() ? "?" + QUERIES.get(random.nextInt(QUERIES.size())) : "";
            String method = List.of("GET", "HEAD", "POST", "PUT", "DELETE").get(random.nextInt(5));
            String body = BODIES.get(random.nextInt(BODIES.size()));
            String[] header = HEADERS.get(random.nextInt(HEADERS.size()));
            String[] key = random.nextBoolean() ? master(fixture.a) : tenant(fixture.a);
            String contentType = random.nextInt(3) == 0 ? header[1] : "application/json";
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(URI.create(fixture.server.uri("") + path + query)).headers(key);
                if (!header[0].equals("Content-Type")) {
                    request.header(header[0], header[1]);
                }
            } catch (IllegalArgumentException e) {
                continue; // not a request the client can send
            }
            request.method(method, method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE")) {
                request.header("Content-Type", contentType);
            }
            String what = "#" + i + " " + method + " " + path + query + " [" + header[0] + ": " + header[1] + "] " + body;
            AssetFixture.Reply reply = fixture.send(request.build());
            if (reply.status() >= 500) {
                failures.add(what + " -> " + reply.status() + " " + reply.body());
            }
        }

        assertThat(failures).isEmpty();
    }
}
