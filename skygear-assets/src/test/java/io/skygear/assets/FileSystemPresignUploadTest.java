package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static io.skygear.assets.AssetFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract on the filesystem storage, plus the gear's own upload URL ({@code PUT /_asset/upload/…}),
 * whose signature this gear checks (on S3 the store checks its own).
 */
class FileSystemPresignUploadTest extends PresignUploadContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.FILESYSTEM;
    }

    @Test
    void uploadOfAnotherSizeThanSignedIsRefusedAndNothingIsStored() {
        var presign = fixture.postJson("/_asset/presign_upload",
                "{\"headers\":{\"content-type\":\"text/plain\",\"content-length\":\"10\"}}", master(fixture.a));
        List<String> headers = AssetFixture.headersOf(presign.result());

        var put = fixture.put(fixture.a, presign.result().get("url").asString(), "only five".substring(0, 5).getBytes(), headers);

        assertThat(put.status()).isBetween(400, 499);
        assertThat(fixture.get("/_asset/get/" + presign.result().get("asset_name").asString(), tenant(fixture.a))
                .status()).isEqualTo(404);
    }

    @Test
    void tamperedUploadUrlIsRefused() {
        var presign = fixture.postJson("/_asset/presign_upload",
                "{\"access\":\"private\",\"headers\":{\"content-length\":\"3\"}}", master(fixture.a));
        String url = presign.result().get("url").asString();
        String tampered = url.replace("access=private", "access=public");
        assertThat(tampered).isNotEqualTo(url);

        var put = fixture.put(fixture.a, tampered, "abc".getBytes(), AssetFixture.headersOf(presign.result()));

        assertThat(put.status()).isBetween(400, 499);
    }

    @Test
    void uploadUrlOfADeletedReservationIsRefused() {
        var presign = fixture.postJson("/_asset/presign_upload",
                "{\"exact_name\":\"revoked.txt\",\"headers\":{\"content-length\":\"3\"}}", master(fixture.a));
        fixture.delete("/_asset/delete/revoked.txt", master(fixture.a));

        var put = fixture.put(fixture.a, presign.result().get("url").asString(), "abc".getBytes(),
                AssetFixture.headersOf(presign.result()));

        assertThat(put.status()).isEqualTo(404);
        assertThat(fixture.get("/_asset/get/revoked.txt", tenant(fixture.a)).status()).isEqualTo(404);
    }

    @Test
    void expiredUploadUrlIsRefused() {
        var presign = fixture.postJson("/_asset/presign_upload", "{\"headers\":{\"content-length\":\"3\"}}",
                master(fixture.a));
        fixture.clock.advance(Duration.ofMinutes(16));
        try {
            var put = fixture.put(fixture.a, presign.result().get("url").asString(), "abc".getBytes(),
                    AssetFixture.headersOf(presign.result()));

            assertThat(put.status()).isEqualTo(400);
            assertThat(put.json().get("error").get("reason").asString()).isEqualTo("ExpiredSignature");
        } finally {
            fixture.clock.advance(Duration.ofMinutes(-16));
        }
    }
}
