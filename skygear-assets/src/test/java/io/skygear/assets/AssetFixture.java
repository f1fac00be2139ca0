package io.skygear.assets;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.skygear.assets.storage.AssetStorage;
import io.skygear.assets.storage.FileSystemStorage;
import io.skygear.assets.storage.S3Storage;
import io.skygear.core.config.TenantConfig;
import io.skygear.core.db.Database;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.http.AccessKeyFilter;
import io.skygear.core.http.Json;
import io.skygear.core.migrate.Migrations;
import io.skygear.core.tenant.TenantContext;
import io.skygear.core.tenant.TenantFilter;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.testing.TestDatabase;
import io.skygear.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The asset gear as a host app mounts it, for the endpoint tests: a fresh migrated PostgreSQL database,
 * Jetty with TenantFilter → AccessKeyFilter → the gear at {@code /_asset/*}, on the filesystem storage
 * or on S3 ({@link LocalS3}). Three tenants with unique app ids (S3 runs share one bucket): A (default),
 * B, and Q whose plan allows {@value #QUOTA_BYTES} bytes; chosen per request with {@value #APP_HEADER}.
 * The caller's user is {@value #USER_HEADER} (standing in for skygear-auth's AuthContext). The gear's
 * clock stands still at {@link #T0} until a test moves it.
 */
final class AssetFixture implements AutoCloseable {

    enum Backend { FILESYSTEM, S3 }

    static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    static final String APP_HEADER = "X-Test-App";
    static final String USER_HEADER = "X-Test-User";
    static final long QUOTA_BYTES = 1000;

    /** One HTTP answer with its body as bytes. */
    record Reply(int status, byte[] bytes, HttpHeaders headers) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Json.mapper().readTree(body());
        }

        JsonNode result() {
            return json().get("result");
        }

        JsonNode error() {
            return json().get("error");
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** A tenant as the tests address it. */
    record App(String id, String header, String masterKey, String apiKey, String secret) {
    }

    final TestClock clock = new TestClock(T0);
    final Backend backend;
    final App a;
    final App b;
    final App q;
    final Database database;
    final AssetStorage storage;
    final AssetGear gear;
    final TestServer server;
    /** The gear's meters (AssetMetricsTest reads them). */
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private AssetFixture(Backend backend, AssetSettings settings) {
        this.backend = backend;
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = app("a-" + run, "a");
        b = app("b-" + run, "b");
        q = app("q-" + run, "q");
        TestDatabase testDatabase = TestDatabase.create();
        database = Database.builder().jdbcUrl(testDatabase.jdbcUrl()).username("postgres").schema("app")
                .maximumPoolSize(16).minimumIdle(0).build();
        Migrations.configure().database(database).modules("asset").load().up();
        storage = switch (backend) {
            case FILESYSTEM -> {
                try {
                    yield FileSystemStorage.of(Files.createTempDirectory("skygear-assets-"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case S3 -> S3Storage.of(LocalS3.config());
        };
        gear = AssetGear.builder()
                .storage(storage)
                .databases(DatabaseResolver.fixed(database))
                .settings(settings)
                .clock(clock)
                .users(request -> Optional.ofNullable(request.getHeader(USER_HEADER)))
                .meterRegistry(meters)
                .build();
        Map<String, TenantContext> tenants = Map.of(
                a.header(), TenantContext.of(config(a)),
                b.header(), TenantContext.of(config(b)),
                q.header(), TenantContext.of(config(q),
                        new TenantQuotas(OptionalLong.empty(), OptionalLong.of(QUOTA_BYTES), OptionalLong.empty())));
        server = new TestServer()
                .filter(new TenantFilter(r -> Optional.ofNullable(tenants.get(
                        Optional.ofNullable(r.getHeader(APP_HEADER)).orElse(a.header())))), "/*")
                .filter(new AccessKeyFilter(), "/*")
                .servlet(gear.servlet(), "/_asset/*")
                .start();
    }

    static AssetFixture start(Backend backend) {
        return start(backend, AssetSettings.defaults());
    }

    static AssetFixture start(Backend backend, AssetSettings settings) {
        return new AssetFixture(backend, settings);
    }

    private static App app(String id, String header) {
        return new App(id, header, "master-" + id, "api-" + id, "asset-secret-" + id);
    }

    static TenantConfig config(App app) {
        return TenantConfig.parseYaml("""
                version: "1"
                app_id: %1$s
                app_name: %1$s
                app_config:
                  database_url: postgres://localhost/unused
                  database_schema: app
                user_config:
                  master_key: %2$s
                  clients:
                    - id: web
                      name: Web
                      api_key: %3$s
                      session_transport: header
                  auth:
                    authentication_session:
                      secret: authn-secret-%1$s
                    login_id_keys:
                      - key: email
                        type: email
                  hook:
                    secret: hook-secret-%1$s
                  asset:
                    secret: %4$s
                """.formatted(app.id(), app.masterKey(), app.apiKey(), app.secret()));
    }

    /** Headers naming the tenant and presenting its master key. */
    static String[] master(App app) {
        return new String[] {APP_HEADER, app.header(), AccessKeyFilter.HEADER, app.masterKey()};
    }

    /** Headers naming the tenant, its API key and a logged-in user. */
    static String[] user(App app, String userId) {
        return new String[] {APP_HEADER, app.header(), AccessKeyFilter.HEADER, app.apiKey(), USER_HEADER, userId};
    }

    tools.jackson.databind.json.JsonMapper json() {
        return Json.mapper();
    }

    static String[] tenant(App app) {
        return new String[] {APP_HEADER, app.header()};
    }

    Reply postJson(String path, String json, String... headers) {
        return send(builder(server.uri(path), headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply get(String pathOrUrl, String... headers) {
        return send(builder(uri(pathOrUrl), headers).GET().build());
    }

    Reply head(String pathOrUrl, String... headers) {
        return send(builder(uri(pathOrUrl), headers).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    Reply delete(String path, String... headers) {
        return send(builder(server.uri(path), headers).DELETE().build());
    }

    /**
     * A PUT as the reference client sends it: the presigned URL with the presigned headers (and the
     * tenant header, which stands for the Host a real tenant is resolved by).
     */
    Reply put(App app, String url, byte[] body, List<String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header(APP_HEADER, app.header())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.size(); i += 2) {
            // the JDK client sets Content-Length and Host itself and refuses them as headers
            if (!headers.get(i).equalsIgnoreCase("content-length") && !headers.get(i).equalsIgnoreCase("host")) {
                request.header(headers.get(i), headers.get(i + 1));
            }
        }
        return send(request.build());
    }

    /**
     * Sends a request. Jetty refuses some URIs itself (e.g. with {@code %00}) and closes the connection
     * after its 400, possibly under a request already sent on it: that request, which got no response
     * at all, is sent once more.
     */
    Reply send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response;
            try {
                response = server.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                response = server.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * presign_upload then the PUT it describes, as {@code asset.upload} of the reference client does;
     * returns the asset name.
     */
    String uploadWith(App app, String body, byte[] bytes) {
        Reply presign = postJson("/_asset/presign_upload", body, master(app));
        if (presign.status() != 200) {
            throw new AssertionError("presign_upload failed: " + presign.status() + " " + presign.body());
        }
        Reply put = put(app, presign.result().get("url").asString(), bytes, headersOf(presign.result()));
        if (put.status() != 200) {
            throw new AssertionError("upload PUT failed: " + put.status() + " " + put.body() + " for " + presign.body());
        }
        return presign.result().get("asset_name").asString();
    }

    /** A public upload of {@code bytes} with a content type. */
    String upload(App app, String contentType, byte[] bytes) {
        return uploadWith(app, """
                {"headers":{"content-type":"%s","content-length":"%d"}}""".formatted(contentType, bytes.length), bytes);
    }

    static List<String> headersOf(JsonNode presignResult) {
        List<String> headers = new ArrayList<>();
        for (JsonNode h : presignResult.get("headers")) {
            headers.add(h.get("name").asString());
            headers.add(h.get("value").asString());
        }
        return headers;
    }

    private URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : server.uri(pathOrUrl);
    }

    private static HttpRequest.Builder builder(URI uri, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }

    @Override
    public void close() {
        server.close();
        gear.close();
        database.close();
    }
}
