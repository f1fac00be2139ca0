package io.skygear.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.assets.storage.S3Config;
import java.net.URI;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> AssetSettings.builder().uploadUrlExpiry(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("uploadUrlExpiry: required");
        assertThatThrownBy(() -> AssetSettings.builder().spoolDirectory(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("spoolDirectory: required");
        assertThatThrownBy(() -> AssetSettings.builder().spoolDirectory(Path.of("/no/such/spool")).build())
                .hasMessageStartingWith("spoolDirectory: must be an existing writable directory");
    }

    @Test
    void gearNeedsStorageAndDatabases() {
        assertThatThrownBy(() -> AssetGear.builder().build()).hasMessageStartingWith("storage");
    }

    @Test
    void s3ConfigNeedsBucketRegionAndBothCredentialsOrNone() {
        assertThatThrownBy(() -> S3Config.builder().region("us-east-1").build()).hasMessageStartingWith("bucket");
        assertThatThrownBy(() -> S3Config.builder().bucket("bkt").build()).hasMessageStartingWith("region");
        assertThatThrownBy(() -> S3Config.builder().bucket("bkt").region("r").credentials("id", null).build())
                .hasMessageStartingWith("accessKeyId and secretAccessKey");
        assertThatThrownBy(() -> S3Config.builder().bucket("bkt").region("r").endpoint(URI.create("ftp://x")).build())
                .hasMessageStartingWith("endpoint");
        assertThatThrownBy(() -> S3Config.builder().bucket("My_Bucket").region("r").build())
                .hasMessageStartingWith("bucket: must be an S3 bucket name");
        assertThatThrownBy(() -> S3Config.builder().bucket("ab").region("r").build())
                .hasMessageStartingWith("bucket: must be an S3 bucket name");
        assertThatThrownBy(() -> S3Config.builder().bucket("bkt").region("r").credentials("", "").build())
                .hasMessageStartingWith("accessKeyId and secretAccessKey: must not be blank");
        assertThat(S3Config.builder().bucket("bkt").region("r").credentials("id", "secret").build().toString())
                .doesNotContain("secret").doesNotContain("id,");
    }
}
