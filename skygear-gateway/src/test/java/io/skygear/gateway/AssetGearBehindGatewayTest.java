package io.skygear.gateway;

import static io.skygear.gateway.GatewayFixture.APP_A;
import static io.skygear.gateway.GatewayFixture.HOST_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.assets.AssetGear;
import io.skygear.assets.storage.FileSystemStorage;
import io.skygear.core.db.DatabaseResolver;
import io.skygear.core.tenant.TenantQuotas;
import io.skygear.gateway.GatewayFixture.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The asset gear in-process behind the gateway: {@code /_asset/*} reaches it with the tenant of the host,
 * a plan can switch it off, and the plan's max asset bytes reach it as {@code TenantQuotas}.
 */
class AssetGearBehindGatewayTest {

    static AssetGear assets;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(s -> s, (gateway, f) -> {
            try {
                assets = AssetGear.builder()
                        .storage(FileSystemStorage.of(Files.createTempDirectory("gateway-assets-")))
                        .databases(DatabaseResolver.fixed(f.appDb))
                        .users(request -> Optional.empty())
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return gateway.gear("asset", Gear.of(assets.servlet()));
        });
    }

    @AfterAll
    static void stop() {
        fixture.close();
        assets.close();
    }

    static Reply presign(String host, String appId, long bytes) {
        return fixture.post(host, "/_asset/presign_upload", """
                {"headers":{"content-length":"%d","content-type":"text/plain"}}""".formatted(bytes),
                "Content-Type", "application/json", "X-Skygear-API-Key", "master-key-" + appId);
    }

    @Test
    void assetGearAnswersForTheHostsTenant() {
        Reply reply = presign(HOST_A, APP_A, 100);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("result").get("asset_name").asString()).isNotEmpty();
    }

    @Test
    void plansMaxAssetBytesIsEnforcedByTheGear() {
        Reply reply = presign(HOST_A, APP_A, 2L << 20);

        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.json().get("error").get("reason").asString()).isEqualTo("AssetQuotaExceeded");
    }

    @Test
    void planCanSwitchTheAssetGearOff() {
        Plan noAssets = fixture.admin.createPlan("no-assets", Map.of("auth", true, "asset", false), TenantQuotas.unlimited());
        fixture.newApp("no-assets", noAssets, "no-assets.example.test");

        Reply reply = presign("no-assets.example.test", "no-assets", 100);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo("asset is not support in current app plan\n");
    }
}
