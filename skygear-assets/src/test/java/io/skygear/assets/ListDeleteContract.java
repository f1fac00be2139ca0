package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static io.skygear.assets.AssetFixture.tenant;
import static io.skygear.assets.AssetFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.core.tenant.TenantContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /_asset/assets}, {@code DELETE /_asset/delete/<name>} and {@code POST /_asset/get_signed_url}:
 * master key only, always scoped to the caller's tenant, on each storage. Pages hold 2 assets here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListDeleteContract {

    AssetFixture fixture;

    abstract AssetFixture.Backend backend();

    @BeforeAll
    void start() {
        fixture = AssetFixture.start(backend(), AssetSettings.builder().listPageSize(2).build());
        for (String name : List.of("list-a1.txt", "list-a2.txt", "list-a3.txt", "listXa4.txt", "other.txt")) {
            fixture.uploadWith(fixture.a, "{\"exact_name\":\"" + name + "\",\"headers\":{\"content-length\":\"3\"}}",
                    "abc".getBytes());
        }
        fixture.uploadWith(fixture.b, "{\"exact_name\":\"list-b1.txt\",\"headers\":{\"content-length\":\"5\"}}",
                "abcde".getBytes());
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void listPagesThroughTheTenantsAssetsOnly() {
        List<String> names = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            var reply = fixture.get("/_asset/assets?pagination_token=" + token, master(fixture.a));
            assertThat(reply.status()).isEqualTo(200);
            for (JsonNode asset : reply.result().get("assets")) {
                names.add(asset.get("asset_name").asString());
                assertThat(asset.get("size").asLong()).isEqualTo(3);
            }
            token = reply.result().has("pagination_token") ? reply.result().get("pagination_token").asString() : null;
            pages++;
        } while (token != null && pages < 10);

        assertThat(names).containsExactly("list-a1.txt", "list-a2.txt", "list-a3.txt", "listXa4.txt", "other.txt");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void prefixIsLiteralEvenWithLikeWildcards() {
        var dash = fixture.get("/_asset/assets?prefix=list-", master(fixture.a));
        var underscore = fixture.get("/_asset/assets?prefix=list_", master(fixture.a));

        assertThat(names(dash)).containsExactly("list-a1.txt", "list-a2.txt");
        assertThat(dash.result().has("pagination_token")).isTrue();
        assertThat(names(underscore)).isEmpty();
    }

    @Test
    void otherTenantListsOnlyItsOwn() {
        var reply = fixture.get("/_asset/assets", master(fixture.b));

        assertThat(names(reply)).containsExactly("list-b1.txt");
        assertThat(reply.result().has("pagination_token")).isFalse();
    }

    @Test
    void listDeleteAndSigningNeedTheMasterKey() {
        for (var reply : List.of(
                fixture.get("/_asset/assets", user(fixture.a, "u1")),
                fixture.delete("/_asset/delete/other.txt", user(fixture.a, "u1")),
                fixture.postJson("/_asset/get_signed_url", "{\"assets\":[]}", tenant(fixture.a)))) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error().get("reason").asString()).isEqualTo("AccessKeyNotAccepted");
        }
        assertThat(fixture.get("/_asset/get/other.txt", tenant(fixture.a)).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantCannotDeleteTheAsset() {
        var reply = fixture.delete("/_asset/delete/list-a3.txt", master(fixture.b));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(fixture.get("/_asset/get/list-a3.txt", tenant(fixture.a)).status()).isEqualTo(200);
    }

    @Test
    void deleteRemovesTheAssetAndItsListingAndMissingIsFine() {
        fixture.uploadWith(fixture.a, "{\"exact_name\":\"zz-doomed.txt\",\"headers\":{\"content-length\":\"3\"}}",
                "abc".getBytes());

        var deleted = fixture.delete("/_asset/delete/zz-doomed.txt", master(fixture.a));
        var again = fixture.delete("/_asset/delete/zz-doomed.txt", master(fixture.a));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().trim()).isEqualTo("{\"result\":{}}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(fixture.get("/_asset/get/zz-doomed.txt", tenant(fixture.a)).status()).isEqualTo(404);
        assertThat(names(fixture.get("/_asset/assets?prefix=zz", master(fixture.a)))).isEmpty();
    }

    @Test
    void existsSeesTheTenantsStoredAssetsOnly() throws IOException {
        TenantContext a = TenantContext.of(AssetFixture.config(fixture.a));
        TenantContext b = TenantContext.of(AssetFixture.config(fixture.b));

        assertThat(fixture.gear.exists(a, "list-a1.txt")).isTrue();
        assertThat(fixture.gear.exists(b, "list-b1.txt")).isTrue();
        assertThat(fixture.gear.exists(b, "list-a1.txt")).isFalse();
        assertThat(fixture.gear.exists(a, "never-uploaded.txt")).isFalse();
        for (String name : List.of("", ".", "..", "../" + fixture.b.id() + "/list-b1.txt", "x".repeat(201))) {
            assertThat(fixture.gear.exists(a, name)).as(name).isFalse();
        }
    }

    @Test
    void traversalNamesAreRefusedByDelete() {
        for (String name : List.of("..", ".", "%2e%2e", "a%00b", "%C3%BC.txt", "x".repeat(300))) {
            var reply = fixture.delete("/_asset/delete/" + name, master(fixture.a));

            assertThat(reply.status()).as(name).isBetween(400, 404);
        }
        assertThat(names(fixture.get("/_asset/assets?prefix=other", master(fixture.a)))).containsExactly("other.txt");
    }

    @Test
    void signingValidatesLikeTheOriginal() {
        var missing = fixture.postJson("/_asset/get_signed_url", "{}", master(fixture.a));
        var items = fixture.postJson("/_asset/get_signed_url",
                "{\"assets\":[{},{\"asset_name\":\"\"},{\"asset_name\":\"a\",\"expire\":604801}]}", master(fixture.a));

        assertThat(missing.error().get("info").get("causes").get(0).get("pointer").asString()).isEqualTo("/assets");
        List<String> pointers = new ArrayList<>();
        items.error().get("info").get("causes").forEach(c -> pointers.add(c.get("kind").asString() + " "
                + c.get("pointer").asString()));
        assertThat(pointers).containsExactly("Required /assets/0/asset_name", "StringLength /assets/1/asset_name",
                "NumberRange /assets/2/expire");
    }

    @Test
    void signedUrlsNameTheHostTheClientUsed() {
        var reply = fixture.postJson("/_asset/get_signed_url", "{\"assets\":[{\"asset_name\":\"other.txt\"}]}",
                AssetFixture.APP_HEADER, fixture.a.header(), "X-Skygear-API-Key", fixture.a.masterKey(),
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "assets.example.com");

        assertThat(reply.result().get("assets").get(0).get("url").asString())
                .startsWith("https://assets.example.com/_asset/get/other.txt?x-skygear-algorithm=HMAC-SHA256&")
                .contains("x-skygear-expires=3600");
    }

    private static List<String> names(AssetFixture.Reply reply) {
        List<String> names = new ArrayList<>();
        reply.result().get("assets").forEach(a -> names.add(a.get("asset_name").asString()));
        return names;
    }
}
