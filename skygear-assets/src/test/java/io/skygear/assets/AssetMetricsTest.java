package io.skygear.assets;

import static io.skygear.assets.AssetFixture.tenant;
import static io.skygear.testing.Meters.settled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.DistributionSummary;
import io.skygear.assets.internal.image.ImageProcessor;
import io.skygear.testing.MeterDocs;
import io.skygear.testing.Meters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The asset gear's meters as real uploads and downloads move them (filesystem storage, real HTTP,
 * real PostgreSQL). The registry is shared, so each test compares counts before and after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssetMetricsTest {

    private static AssetFixture fx;

    @BeforeAll
    static void start() {
        fx = AssetFixture.start(AssetFixture.Backend.FILESYSTEM);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }


    private static double counter(String name, String... tags) {
        return Meters.counter(fx.meters, name, tags);
    }

    private static long timer(String name, String... tags) {
        return Meters.timer(fx.meters, name, tags);
    }

    private static DistributionSummary uploads() {
        return fx.meters.get("skygear.asset.uploads").tag("via", "direct").summary();
    }

    @Test
    void directUploadsAreCountedWithTheirSize() throws InterruptedException {
        long count = fx.meters.find("skygear.asset.uploads").tag("via", "direct").summary() == null ? 0 : uploads().count();
        double bytes = count == 0 ? 0 : uploads().totalAmount();
        byte[] body = "twelve bytes".getBytes(StandardCharsets.UTF_8);

        fx.upload(fx.a, "text/plain", body);

        assertThat(uploads().count()).isEqualTo(count + 1);
        assertThat(uploads().totalAmount()).isEqualTo(bytes + 12);
        assertThat(settled(() -> timer("skygear.http.requests", "gear", "asset", "endpoint", "upload", "status", "200"),
                1)).isGreaterThanOrEqualTo(1);
        assertThat(timer("skygear.http.requests", "gear", "asset", "endpoint", "presign_upload", "status", "200"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void originalGetsAreCountedUnderOneEndpointWhateverTheName() throws InterruptedException {
        String name = fx.upload(fx.a, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        double originals = counter("skygear.asset.gets", "variant", "original");
        long timed = timer("skygear.http.requests", "gear", "asset", "endpoint", "get", "status", "200");

        assertThat(fx.get("/_asset/get/" + name, tenant(fx.a)).status()).isEqualTo(200);

        assertThat(counter("skygear.asset.gets", "variant", "original")).isEqualTo(originals + 1);
        assertThat(settled(() -> timer("skygear.http.requests", "gear", "asset", "endpoint", "get", "status", "200"),
                timed + 1)).isEqualTo(timed + 1);
        assertThat(fx.meters.find("skygear.http.requests").timers())
                .allSatisfy(t -> assertThat(t.getId().getTag("endpoint")).doesNotContain(name));
    }

    @Test
    void pipelineGetsAreTimedAndCountedAsProcessed() {
        assumeTrue(ImageProcessor.available(), "libvips is not installed");
        String png = fx.upload(fx.a, "image/png", DownloadContract.png(400, 300));
        double processed = counter("skygear.asset.gets", "variant", "processed");
        long rendered = timer("skygear.asset.pipeline.duration", "result", "processed");

        assertThat(fx.get("/_asset/get/" + png + "?pipeline=image/resize,w_200", tenant(fx.a)).status()).isEqualTo(200);

        assertThat(counter("skygear.asset.gets", "variant", "processed")).isEqualTo(processed + 1);
        assertThat(timer("skygear.asset.pipeline.duration", "result", "processed")).isEqualTo(rendered + 1);
        assertThat(fx.meters.get("skygear.asset.pipeline.duration").tag("result", "processed").timer()
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void invalidAndUnsupportedPipelinesAreCountedAsRejections() {
        String text = fx.upload(fx.a, "text/plain", "not an image".getBytes(StandardCharsets.UTF_8));
        double invalid = counter("skygear.asset.pipeline.rejections", "reason", "invalid");
        double unsupported = counter("skygear.asset.pipeline.rejections", "reason", "unsupported");
        double unprocessed = counter("skygear.asset.gets", "variant", "unprocessed");

        assertThat(fx.get("/_asset/get/" + text + "?pipeline=image/unknown", tenant(fx.a)).status()).isEqualTo(400);
        assertThat(fx.get("/_asset/get/" + text + "?pipeline=image/resize,w_20", tenant(fx.a)).status()).isEqualTo(200);

        assertThat(counter("skygear.asset.pipeline.rejections", "reason", "invalid")).isEqualTo(invalid + 1);
        assertThat(counter("skygear.asset.pipeline.rejections", "reason", "unsupported")).isEqualTo(unsupported + 1);
        assertThat(counter("skygear.asset.gets", "variant", "unprocessed")).isEqualTo(unprocessed + 1);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyMeterTheseRequestsProducedIsInTheOperationsGuide() {
        assertThat(MeterDocs.skygearMeterNames(fx.meters)).contains("skygear.http.requests", "skygear.asset.uploads",
                "skygear.asset.gets", "skygear.asset.pipeline.rejections");
        MeterDocs.assertDocumented(fx.meters);
    }
}
