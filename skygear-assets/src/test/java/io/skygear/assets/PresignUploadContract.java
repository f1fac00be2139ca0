package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static io.skygear.assets.AssetFixture.tenant;
import static io.skygear.assets.AssetFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.http.AccessKeyFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** {@code POST /_asset/presign_upload} and the upload it describes, on each storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PresignUploadContract {

    AssetFixture fixture;

    abstract AssetFixture.Backend backend();

    @BeforeAll
    void start() {
        fixture = AssetFixture.start(backend());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void emptyBodyNeedsHeadersAsTheOriginalSays() {
        var reply = fixture.postJson("/_asset/presign_upload", "{}", master(fixture.a));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(fixture.json().readTree("""
                {"error":{"name":"Invalid","reason":"ValidationFailed","message":"invalid request body","code":400,
                "info":{"causes":[{"kind":"Required","message":"headers is required","pointer":"/headers"}]}}}"""));
    }

    @Test
    void headersNeedContentLength() {
        var reply = fixture.postJson("/_asset/presign_upload", "{\"headers\":{}}", master(fixture.a));

        assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString())
                .isEqualTo("/headers/content-length");
        assertThat(reply.error().get("info").get("causes").get(0).get("kind").asString()).isEqualTo("Required");
    }

    @Test
    void prefixMustMatchThePattern() {
        var reply = fixture.postJson("/_asset/presign_upload",
                "{\"prefix\":\"/\",\"headers\":{\"content-length\":\"123\"}}", master(fixture.a));

        JsonNode cause = reply.error().get("info").get("causes").get(0);
        assertThat(cause.get("kind").asString()).isEqualTo("StringFormat");
        assertThat(cause.get("pointer").asString()).isEqualTo("/prefix");
        assertThat(cause.get("details").get("pattern").asString()).isEqualTo("^[-_.a-zA-Z0-9]*$");
    }

    @Test
    void unknownHeaderIsAnExtraEntry() {
        var reply = fixture.postJson("/_asset/presign_upload",
                "{\"headers\":{\"content-length\":\"1\",\"x-evil\":\"1\"}}", master(fixture.a));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("info").get("causes").get(0).get("kind").asString()).isEqualTo("ExtraEntry");
    }

    @Test
    void headerValuesWithControlCharactersAreRefused() {
        var reply = fixture.postJson("/_asset/presign_upload",
                "{\"headers\":{\"content-length\":\"1\",\"content-disposition\":\"a\\r\\nSet-Cookie: x=1\"}}",
                master(fixture.a));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString())
                .isEqualTo("/headers/content-disposition");
    }

    @Test
    void nameIsPrefixUuidAndTheTypesExtension() {
        var reply = fixture.postJson("/_asset/presign_upload",
                "{\"prefix\":\"prefix-\",\"headers\":{\"content-type\":\"image/png\",\"content-length\":\"123\"}}",
                master(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.result();
        assertThat(result.get("asset_name").asString()).matches("prefix-[0-9a-f-]{36}\\.png");
        assertThat(result.get("method").asString()).isEqualTo("PUT");
        assertThat(result.get("url").asString()).startsWith("http");
        assertThat(AssetFixture.headersOf(result)).containsSequence("Content-Length", "123");
    }

    @Test
    void declaredSizeOverTheLimitIsAssetTooLarge() {
        for (String length : List.of("1048576000", "0", "-1", "12abc")) {
            var reply = fixture.postJson("/_asset/presign_upload",
                    "{\"headers\":{\"content-length\":\"" + length + "\"}}", master(fixture.a));

            assertThat(reply.status()).as(length).isEqualTo(400);
            assertThat(reply.error().get("reason").asString()).as(length).isEqualTo("AssetTooLarge");
            assertThat(reply.error().get("message").asString()).isEqualTo("asset too large");
        }
    }

    @Test
    void apiKeyAloneOrNoKeyIsRefusedWithMasterKeyRequired() {
        String body = "{\"headers\":{\"content-length\":\"1\"}}";
        var noKey = fixture.postJson("/_asset/presign_upload", body, tenant(fixture.a));
        var apiKeyOnly = fixture.postJson("/_asset/presign_upload", body,
                AssetFixture.APP_HEADER, fixture.a.header(), AccessKeyFilter.HEADER, fixture.a.apiKey());
        var userWithoutKey = fixture.postJson("/_asset/presign_upload", body,
                AssetFixture.APP_HEADER, fixture.a.header(), AssetFixture.USER_HEADER, "u1");

        for (var reply : List.of(noKey, apiKeyOnly, userWithoutKey)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("AccessKeyNotAccepted");
            assertThat(reply.error().get("message").asString()).isEqualTo("Master key required");
        }
    }

    @Test
    void loggedInUserWithApiKeyMayUpload() {
        byte[] bytes = "hello from a user".getBytes(StandardCharsets.UTF_8);
        var presign = fixture.postJson("/_asset/presign_upload",
                "{\"headers\":{\"content-type\":\"text/plain\",\"content-length\":\"" + bytes.length + "\"}}",
                user(fixture.a, "user-1"));
        assertThat(presign.status()).isEqualTo(200);

        var put = fixture.put(fixture.a, presign.result().get("url").asString(), bytes, AssetFixture.headersOf(presign.result()));
        assertThat(put.status()).isEqualTo(200);

        var get = fixture.get("/_asset/get/" + presign.result().get("asset_name").asString(), tenant(fixture.a));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("hello from a user");
        assertThat(get.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(get.header("Cache-Control")).hasValue("max-age=3600");
    }

    @Test
    void exactNameIsUsedOnceThenDuplicateAsset() {
        String body = "{\"exact_name\":\"avatar-exact.png\",\"headers\":{\"content-type\":\"image/png\",\"content-length\":\"3\"}}";
        String name = fixture.uploadWith(fixture.a, body, "abc".getBytes());
        assertThat(name).isEqualTo("avatar-exact.png");

        var again = fixture.postJson("/_asset/presign_upload", body, master(fixture.a));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error().get("name").asString()).isEqualTo("AlreadyExists");
        assertThat(again.error().get("reason").asString()).isEqualTo("DuplicateAsset");
        assertThat(again.error().get("message").asString()).isEqualTo("duplicate asset");
    }

    @Test
    void sameExactNameInAnotherTenantIsIndependent() {
        String body = "{\"exact_name\":\"shared-name.txt\",\"headers\":{\"content-length\":\"1\"}}";
        assertThat(fixture.postJson("/_asset/presign_upload", body, master(fixture.a)).status()).isEqualTo(200);
        assertThat(fixture.postJson("/_asset/presign_upload", body, master(fixture.b)).status()).isEqualTo(200);
    }

    @Test
    void concurrentPresignsOfOneExactNameLetExactlyOneThrough() throws Exception {
        String body = "{\"exact_name\":\"race.bin\",\"headers\":{\"content-length\":\"4\"}}";
        int callers = 8;
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(() -> fixture.postJson("/_asset/presign_upload", body, master(fixture.a)).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        }

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
    }

    @Test
    void exactNameMustBeASafeName() {
        for (String name : List.of("..", ".", "a/b", "a\\u0000b", "ü.png", "x".repeat(201))) {
            var reply = fixture.postJson("/_asset/presign_upload",
                    "{\"exact_name\":\"" + name + "\",\"headers\":{\"content-length\":\"1\"}}", master(fixture.a));

            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.error().get("info").get("causes").get(0).get("pointer").asString()).isEqualTo("/exact_name");
        }
    }

    @Test
    void planQuotaCountsReservedBytesAndDeletingFreesThem() {
        var first = fixture.postJson("/_asset/presign_upload",
                "{\"exact_name\":\"q1.bin\",\"headers\":{\"content-length\":\"600\"}}", master(fixture.q));
        assertThat(first.status()).isEqualTo(200);

        var second = fixture.postJson("/_asset/presign_upload",
                "{\"headers\":{\"content-length\":\"600\"}}", master(fixture.q));
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.error().get("reason").asString()).isEqualTo("AssetQuotaExceeded");

        assertThat(fixture.delete("/_asset/delete/q1.bin", master(fixture.q)).status()).isEqualTo(200);
        assertThat(fixture.postJson("/_asset/presign_upload",
                "{\"headers\":{\"content-length\":\"600\"}}", master(fixture.q)).status()).isEqualTo(200);
    }
}
