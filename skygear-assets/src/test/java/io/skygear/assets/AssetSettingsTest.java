package io.skygear.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.assets.storage.S3Config;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings and builders validate once, naming the bad setting. */
class AssetSettingsTest {

    @Test
    void defaultsAreTheOriginals() {
        AssetSettings defaults = AssetSettings.defaults();

        assertThat(defaults.maxUploadBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(defaults.uploadUrlExpiry()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.maxImageBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(defaults.listPageSize()).isEqualTo(1000);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> AssetSettings.builder().maxUploadBytes(0).build()).hasMessageStartingWith("maxUploadBytes");
        assertThatThrownBy(() -> AssetSettings.builder().uploadUrlExpiry(Duration.ofDays(8)).build())
                .hasMessageStartingWith("uploadUrlExpiry");
        assertThatThrownBy(() -> AssetSettings.builder().listPageSize(1001).build()).hasMessageStartingWith("listPageSize");
    }

    @Test
    void gearNeedsStorageAndDatabases() {
        assertThatThrownBy(() -> AssetGear.builder().build()).hasMessageStartingWith("storage");
    }

    @Test
    void s3ConfigNeedsBucketRegionAndBothCredentialsOrNone() {
        assertThatThrownBy(() -> S3Config.builder().region("us-east-1").build()).hasMessageStartingWith("bucket");
        assertThatThrownBy(() -> S3Config.builder().bucket("b").build()).hasMessageStartingWith("region");
        assertThatThrownBy(() -> S3Config.builder().bucket("b").region("r").credentials("id", null).build())
                .hasMessageStartingWith("accessKeyId and secretAccessKey");
        assertThatThrownBy(() -> S3Config.builder().bucket("b").region("r").endpoint(URI.create("ftp://x")).build())
                .hasMessageStartingWith("endpoint");
        assertThat(S3Config.builder().bucket("b").region("r").credentials("id", "secret").build().toString())
                .doesNotContain("secret").doesNotContain("id,");
    }
}
