package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The contract on S3 (s3rver). s3rver does not check V4 signatures, so what a real S3 enforces on a
 * presigned PUT (size, metadata, expiry) is checked here by what the URL signs.
 */
class S3PresignUploadTest extends PresignUploadContract {

    @Override
    AssetFixture.Backend backend() {
        return AssetFixture.Backend.S3;
    }

    @Test
    void presignedPutSignsSizeAccessAndTypeForFifteenMinutes() {
        var presign = fixture.postJson("/_asset/presign_upload",
                "{\"access\":\"private\",\"headers\":{\"content-type\":\"image/png\",\"content-length\":\"42\"}}",
                master(fixture.a));

        String url = presign.result().get("url").asString();
        assertThat(url).contains("/" + LocalS3.BUCKET + "/" + fixture.a.id() + "/")
                .contains("X-Amz-Expires=900")
                .contains("X-Amz-Signature=");
        String signedHeaders = url.replaceAll(".*X-Amz-SignedHeaders=([^&]*).*", "$1");
        assertThat(signedHeaders.split("%3B")).contains("content-length", "content-type", "host", "x-amz-meta-access");
        assertThat(AssetFixture.headersOf(presign.result()))
                .containsSequence("X-Amz-Meta-Access", "private")
                .containsSequence("Content-Length", "42");
    }
}
