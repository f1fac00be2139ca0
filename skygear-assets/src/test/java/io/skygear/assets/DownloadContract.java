package io.skygear.assets;

import static io.skygear.assets.AssetFixture.master;
import static io.skygear.assets.AssetFixture.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skygear.assets.internal.image.ImageProcessor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET|HEAD /_asset/get/<name>}: access, signatures, caching, ranges and the image pipeline, on each storage. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DownloadContract {

    static final byte[] TEXT = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);

    AssetFixture fixture;
    String publicText;
    String privateText;
    String png;

    abstract AssetFixture.Backend backend();

    @BeforeAll
    void start() {
        fixture = AssetFixture.start(backend());
        publicText = fixture.upload(fixture.a, "text/plain", TEXT);
        privateText = fixture.uploadWith(fixture.a, """
                {"access":"private","headers":{"content-type":"text/plain","content-length":"%d"}}"""
                .formatted(TEXT.length), TEXT);
        png = fixture.upload(fixture.a, "image/png", png(400, 300));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void publicAssetIsServedWithTypeTagAndCaching() {
        var reply = fixture.get("/_asset/get/" + publicText, tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bytes()).isEqualTo(TEXT);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(reply.header("ETag")).hasValueSatisfying(v -> assertThat(v).startsWith("\"").endsWith("\""));
        assertThat(reply.header("Cache-Control")).hasValue("max-age=3600");
        assertThat(reply.header("Accept-Ranges")).hasValue("bytes");
        assertThat(reply.header("Last-Modified")).isPresent();
    }

    @Test
    void headAnswersTheHeadersWithoutBody() {
        var reply = fixture.head("/_asset/get/" + publicText, tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bytes()).isEmpty();
        assertThat(reply.header("Content-Length")).hasValue(Integer.toString(TEXT.length));
    }

    @Test
    void matchingIfNoneMatchIsNotModified() {
        String etag = fixture.get("/_asset/get/" + publicText, tenant(fixture.a)).header("ETag").orElseThrow();

        var same = fixture.get("/_asset/get/" + publicText, AssetFixture.APP_HEADER, fixture.a.header(),
                "If-None-Match", "\"other\", " + etag);
        var weak = fixture.get("/_asset/get/" + publicText, AssetFixture.APP_HEADER, fixture.a.header(),
                "If-None-Match", "W/" + etag);
        var other = fixture.get("/_asset/get/" + publicText, AssetFixture.APP_HEADER, fixture.a.header(),
                "If-None-Match", "\"other\"");

        assertThat(same.status()).isEqualTo(304);
        assertThat(same.bytes()).isEmpty();
        assertThat(same.header("ETag")).hasValue(etag);
        assertThat(weak.status()).isEqualTo(304);
        assertThat(other.status()).isEqualTo(200);
    }

    @Test
    void rangesServeTheRequestedBytes() {
        assertRange("bytes=0-3", 206, "0123", "bytes 0-3/20");
        assertRange("bytes=15-", 206, "fghij", "bytes 15-19/20");
        assertRange("bytes=-3", 206, "hij", "bytes 17-19/20");
        assertRange("bytes=10-100", 206, "abcdefghij", "bytes 10-19/20");
        assertRange("bytes=-100", 206, new String(TEXT, StandardCharsets.UTF_8), "bytes 0-19/20");
    }

    @Test
    void unsatisfiableRangeIs416AndOddRangesServeTheWhole() {
        var beyond = range("bytes=20-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).hasValue("bytes */20");

        for (String ignored : List.of("bytes=0-1,3-4", "bytes=5-2", "items=0-1", "bytes=x-y", "bytes=-")) {
            var whole = range(ignored);
            assertThat(whole.status()).as(ignored).isEqualTo(200);
            assertThat(whole.bytes()).as(ignored).isEqualTo(TEXT);
        }
    }

    @Test
    void ifRangeWithAnotherTagServesTheWhole() {
        var reply = fixture.get("/_asset/get/" + publicText, AssetFixture.APP_HEADER, fixture.a.header(),
                "Range", "bytes=0-3", "If-Range", "\"stale\"");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bytes()).isEqualTo(TEXT);
    }

    @Test
    void privateAssetWithoutSignatureIs401WithEmptyBody() {
        var reply = fixture.get("/_asset/get/" + privateText, tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.bytes()).isEmpty();
    }

    @Test
    void signedUrlServesPrivateAssetAndNotPrivatelyCached() {
        var reply = fixture.get(signedUrl(privateText, 0), tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bytes()).isEqualTo(TEXT);
        assertThat(reply.header("Cache-Control")).hasValue("private, max-age=3600");
    }

    @Test
    void expiredSignedUrlIsRefused() {
        String url = signedUrl(privateText, 60);
        fixture.clock.advance(Duration.ofSeconds(61));
        try {
            var reply = fixture.get(url, tenant(fixture.a));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.error().get("reason").asString()).isEqualTo("ExpiredSignature");
        } finally {
            fixture.clock.advance(Duration.ofSeconds(-61));
        }
    }

    @Test
    void tamperedSignedUrlIsRefused() {
        String url = signedUrl(privateText, 0);
        String otherName = url.replace(privateText, publicText);
        String longer = url.replace("x-skygear-expires=3600", "x-skygear-expires=36000");
        String badHex = url.replaceAll("x-skygear-signature=[0-9a-f]+", "x-skygear-signature=zz");

        assertThat(fixture.get(otherName, tenant(fixture.a)).error().get("reason").asString()).isEqualTo("InvalidSignature");
        assertThat(fixture.get(longer, tenant(fixture.a)).error().get("reason").asString()).isEqualTo("InvalidSignature");
        assertThat(fixture.get(badHex, tenant(fixture.a)).error().get("reason").asString())
                .isEqualTo("InvalidSignatureQueryParam");
    }

    @Test
    void anotherTenantsSignatureAndNamesReachNothing() {
        String url = signedUrl(privateText, 0);

        var wrongTenant = fixture.get(url, tenant(fixture.b));
        var publicFromB = fixture.get("/_asset/get/" + publicText, tenant(fixture.b));

        assertThat(wrongTenant.status()).isEqualTo(400);
        assertThat(wrongTenant.error().get("reason").asString()).isEqualTo("InvalidSignature");
        assertThat(publicFromB.status()).isEqualTo(404);
        assertThat(publicFromB.error().get("reason").asString()).isEqualTo("AssetNotFound");
    }

    @Test
    void missingAssetIs404() {
        var reply = fixture.get("/_asset/get/nothing-here.png", tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error().get("reason").asString()).isEqualTo("AssetNotFound");
    }

    @Test
    void hostileNamesNeverReachStorage() {
        for (String name : List.of("..", ".", "%2e%2e", "..%2f..%2fetc%2fpasswd", "a%00b", "%C3%BC.png",
                "x".repeat(300), "a%20b", "%2E%2E%2F" + publicText)) {
            var reply = fixture.get("/_asset/get/" + name, tenant(fixture.a));

            assertThat(reply.status()).as(name).isBetween(400, 404);
        }
    }

    @Test
    void pipelineResizesWithinTheBox() throws IOException {
        assumeTrue(ImageProcessor.available(), "libvips is not installed");

        var reply = fixture.get("/_asset/get/" + png + "?pipeline=image/resize,w_200", tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("image/png");
        assertThat(reply.header("Accept-Ranges")).isEmpty();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.bytes()));
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(150);
    }

    @Test
    void imageAloneReencodesTheOriginalAtItsSize() throws IOException {
        assumeTrue(ImageProcessor.available(), "libvips is not installed");
        var original = fixture.get("/_asset/get/" + png, tenant(fixture.a));

        var reply = fixture.get("/_asset/get/" + png + "?pipeline=image", tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("image/png");
        assertThat(reply.header("ETag")).isNotEqualTo(original.header("ETag"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.bytes()));
        BufferedImage before = ImageIO.read(new ByteArrayInputStream(original.bytes()));
        assertThat(image.getWidth()).isEqualTo(before.getWidth());
        assertThat(image.getHeight()).isEqualTo(before.getHeight());
    }

    @Test
    void pipelineConvertsFormatAndHasItsOwnTag() {
        assumeTrue(ImageProcessor.available(), "libvips is not installed");
        String original = fixture.get("/_asset/get/" + png, tenant(fixture.a)).header("ETag").orElseThrow();

        var webp = fixture.get("/_asset/get/" + png + "?pipeline=image/format,webp", tenant(fixture.a));
        String tag = webp.header("ETag").orElseThrow();
        var again = fixture.get("/_asset/get/" + png + "?pipeline=image/format,webp", AssetFixture.APP_HEADER,
                fixture.a.header(), "If-None-Match", tag);
        var head = fixture.head("/_asset/get/" + png + "?pipeline=image/format,webp", tenant(fixture.a));

        assertThat(webp.status()).isEqualTo(200);
        assertThat(webp.header("Content-Type")).hasValue("image/webp");
        assertThat(new String(webp.bytes(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        assertThat(tag).isNotEqualTo(original);
        assertThat(again.status()).isEqualTo(304);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.bytes()).isEmpty();
        assertThat(head.header("Content-Type")).hasValue("image/webp");
    }

    @Test
    void pipelineMayBeAppendedToASignedUrl() {
        assumeTrue(ImageProcessor.available(), "libvips is not installed");
        String privatePng = fixture.uploadWith(fixture.a, """
                {"access":"private","headers":{"content-type":"image/png","content-length":"%d"}}"""
                .formatted(png(40, 30).length), png(40, 30));

        var reply = fixture.get(signedUrl(privatePng, 0) + "&pipeline=image/resize,w_20", tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).hasValue("image/png");
    }

    @Test
    void invalidPipelineIsABadRequestWithTheParsersMessage() {
        var reply = fixture.get("/_asset/get/" + png + "?pipeline=image/unknown", tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().get("reason").asString()).isEqualTo("InvalidPipeline");
        assertThat(reply.error().get("message").asString()).isEqualTo("invalid operation: unknown");
    }

    @Test
    void pipelineOnANonImageServesTheOriginalWithoutRanges() {
        var reply = fixture.get("/_asset/get/" + publicText + "?pipeline=image/resize,w_10", AssetFixture.APP_HEADER,
                fixture.a.header(), "Range", "bytes=0-1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bytes()).isEqualTo(TEXT);
        assertThat(reply.header("Accept-Ranges")).isEmpty();
    }

    @Test
    void corruptImageWithPipelineServesTheOriginal() {
        byte[] notAPng = "definitely not a png".getBytes(StandardCharsets.UTF_8);
        String name = fixture.upload(fixture.a, "image/png", notAPng);

        var reply = fixture.get("/_asset/get/" + name + "?pipeline=image/resize,w_10", tenant(fixture.a));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.bytes()).isEqualTo(notAPng);
    }

    private void assertRange(String range, int status, String body, String contentRange) {
        var reply = range(range);
        assertThat(reply.status()).as(range).isEqualTo(status);
        assertThat(reply.body()).as(range).isEqualTo(body);
        assertThat(reply.header("Content-Range")).as(range).hasValue(contentRange);
    }

    private AssetFixture.Reply range(String range) {
        return fixture.get("/_asset/get/" + publicText, AssetFixture.APP_HEADER, fixture.a.header(), "Range", range);
    }

    private String signedUrl(String name, long expire) {
        var reply = fixture.postJson("/_asset/get_signed_url",
                "{\"assets\":[{\"asset_name\":\"" + name + "\",\"expire\":" + expire + "}]}", master(fixture.a));
        assertThat(reply.status()).isEqualTo(200);
        return reply.result().get("assets").get(0).get("url").asString();
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
