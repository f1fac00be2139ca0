package io.skygear.assets.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skygear.assets.internal.image.TestImages.Header;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pipeline on real libvips: every mode's output size, formats, our additions, and refusals. */
class ImageProcessorTest {

    private static ImageProcessor processor;
    private static byte[] landscapeJpeg; // 400x300, the reference's example size
    private static byte[] portraitJpeg; // 300x400

    @BeforeAll
    static void setUp() {
        assertThat(ImageProcessor.available()).as(ImageProcessor.unavailableReason()).isTrue();
        processor = new ImageProcessor(ImageLimits.defaults());
        landscapeJpeg = TestImages.jpeg(400, 300);
        portraitJpeg = TestImages.jpeg(300, 400);
    }

    private static ProcessedImage run(byte[] input, String pipeline) {
        return processor.process(input, ImagePipeline.parse(pipeline));
    }

    /** Runs, then checks the reported and the actually encoded size agree with the expectation. */
    private static Header runAndRead(byte[] input, String pipeline, int width, int height) {
        ProcessedImage out = run(input, pipeline);
        Header header = TestImages.header(out.bytes());
        assertThat(new int[] {out.width(), out.height()}).as(pipeline).containsExactly(width, height);
        assertThat(new int[] {header.width(), header.height()}).as(pipeline).containsExactly(width, height);
        return header;
    }

    @Nested
    class ResizeModes {

        @ParameterizedTest(name = "{0} on 400x300 gives {1}x{2}")
        @CsvSource({
            "'image/resize,w_200', 200, 150",
            "'image/resize,h_150', 200, 150",
            "'image/resize,l_200', 200, 150",
            "'image/resize,s_150', 200, 150",
            "'image/resize,m_lfit,w_200,h_200', 200, 150",
            "'image/resize,m_lfit,w_200,h_100', 133, 100",
            "'image/resize,m_lfit,w_100,h_200', 100, 75",
            "'image/resize,m_mfit,w_200,h_200', 267, 200",
            "'image/resize,m_mfit,w_200,h_100', 200, 150",
            "'image/resize,m_mfit,w_100,h_200', 267, 200",
            "'image/resize,m_fill,w_200,h_200', 200, 200",
            "'image/resize,m_fill,w_200,h_100', 200, 100",
            "'image/resize,m_fill,w_100', 100, 100",
            "'image/resize,m_pad,w_200,h_200', 200, 200",
            "'image/resize,m_pad,w_100', 100, 100",
            "'image/resize,m_pad,w_200,h_100', 200, 100",
            "'image/resize,m_fixed,w_100,h_100', 100, 100",
            "'image/resize,m_fixed,w_100', 100, 75",
            "'image/resize,m_fixed,w_400,h_100', 400, 100",
            "'image/resize,w_1,h_2,l_3,s_4', 1, 1",
        })
        void everyModeGivesTheReferenceSize(String pipeline, int width, int height) {
            Header header = runAndRead(landscapeJpeg, pipeline, width, height);
            assertThat(header.format()).isEqualTo("jpg");
        }

        @ParameterizedTest(name = "{0} on 400x300 is not enlarged")
        @CsvSource({
            "'image/resize,w_500'",
            "'image/resize,m_mfit,w_500,h_500'",
            "'image/resize,m_fill,w_400,h_200'",
            "'image/resize,m_pad,w_500,h_500'",
            "'image/resize,m_fixed,w_500,h_100'",
            "'image/resize,m_fixed,w_400,h_300'",
            "'image/resize'",
            "'image'",
        })
        void neverUpscales(String pipeline) {
            runAndRead(landscapeJpeg, pipeline, 400, 300);
        }

        @Test
        void longerAndShorterSidesFollowAPortraitOriginal() {
            runAndRead(portraitJpeg, "image/resize,l_200", 150, 200);
            runAndRead(portraitJpeg, "image/resize,s_150", 150, 200);
        }

        @Test
        void resizesApplyInOrder() {
            runAndRead(landscapeJpeg, "image/resize,w_200/resize,m_fill,w_100,h_100", 100, 100);
            runAndRead(landscapeJpeg, "image/resize,m_pad,w_300,h_300/resize,w_150", 150, 150);
        }

        @Test
        void padFillsTheBorderWithTheColour() {
            ProcessedImage out = run(landscapeJpeg, "image/resize,m_pad,w_200,h_200,color_FF0000/format,png");
            assertThat(TestImages.rgb(out.bytes(), 100, 5)).containsExactly(255, 0, 0);
            assertThat(TestImages.rgb(out.bytes(), 100, 194)).containsExactly(255, 0, 0);
        }

        @Test
        void padDefaultsToWhite() {
            ProcessedImage out = run(landscapeJpeg, "image/resize,m_pad,w_200,h_200/format,png");
            assertThat(TestImages.rgb(out.bytes(), 0, 0)).containsExactly(255, 255, 255);
        }

        @Test
        void padOnGreyAndTransparentImagesGivesAColouredBorder() {
            ProcessedImage grey = run(TestImages.greyPng(400, 300), "image/resize,m_pad,w_200,h_200,color_00FF00");
            assertThat(TestImages.rgb(grey.bytes(), 100, 5)).containsExactly(0, 255, 0);
            ProcessedImage alpha = run(TestImages.png(400, 300, true), "image/resize,m_pad,w_200,h_200,color_0000FF");
            assertThat(TestImages.header(alpha.bytes()).bands()).isEqualTo(3);
            assertThat(TestImages.rgb(alpha.bytes(), 100, 5)).containsExactly(0, 0, 255);
        }
    }

    @Nested
    class Formats {

        @ParameterizedTest(name = "{0} gives {1}")
        @CsvSource({
            "jpg, jpg, image/jpeg",
            "png, png, image/png",
            "webp, webp, image/webp",
            "avif, avif, image/avif",
        })
        void formatSelectsTheEncoder(String format, String magic, String contentType) {
            ProcessedImage out = run(landscapeJpeg, "image/resize,w_200/format," + format);
            assertThat(TestImages.magic(out.bytes())).isEqualTo(magic);
            assertThat(out.contentType()).isEqualTo(contentType);
            assertThat(TestImages.header(out.bytes())).extracting(Header::width, Header::height).containsExactly(200, 150);
        }

        @Test
        void withoutFormatTheOriginalFormatIsKept() {
            assertThat(run(TestImages.png(40, 30, false), "image/resize,w_20").contentType()).isEqualTo("image/png");
            byte[] webp = run(landscapeJpeg, "image/format,webp").bytes();
            ProcessedImage fromWebp = run(webp, "image/resize,w_100");
            assertThat(fromWebp.contentType()).isEqualTo("image/webp");
            assertThat(TestImages.magic(fromWebp.bytes())).isEqualTo("webp");
        }

        @Test
        void lastFormatAndQualityWin() {
            ProcessedImage out = run(landscapeJpeg, "image/format,png/quality,Q_5/format,webp/quality,Q_95");
            assertThat(out.contentType()).isEqualTo("image/webp");
            int q95 = out.bytes().length;
            int q5 = run(landscapeJpeg, "image/format,webp/quality,Q_5").bytes().length;
            assertThat(q5).isLessThan(q95);
        }

        @Test
        void qualityChangesTheJpegSize() {
            int low = run(landscapeJpeg, "image/quality,Q_10").bytes().length;
            int high = run(landscapeJpeg, "image/quality,Q_95").bytes().length;
            assertThat(low).isLessThan(high);
        }

        @Test
        void transparentImageToJpegIsFlattenedOntoWhite() {
            ProcessedImage out = run(TestImages.png(40, 30, true), "image/format,jpg");
            assertThat(TestImages.header(out.bytes()).bands()).isEqualTo(3);
            assertThat(out.contentType()).isEqualTo("image/jpeg");
        }
    }

    @Nested
    class OurAdditions {

        @Test
        void exifOrientationIsApplied() {
            byte[] rotated = TestImages.withExifOrientation(landscapeJpeg, 6); // stored 400x300, shown 300x400
            runAndRead(rotated, "image", 300, 400);
            runAndRead(rotated, "image/resize,w_150", 150, 200);
            runAndRead(rotated, "image/resize,l_200", 150, 200);
            runAndRead(TestImages.withExifOrientation(landscapeJpeg, 3), "image/resize,w_200", 200, 150);
        }

        @Test
        void metadataIsStripped() {
            byte[] rotated = TestImages.withExifOrientation(landscapeJpeg, 6);
            assertThat(TestImages.contains(rotated, "Exif")).isTrue();
            assertThat(TestImages.contains(run(rotated, "image/resize,w_100").bytes(), "Exif")).isFalse();
            assertThat(TestImages.contains(run(rotated, "image/format,png").bytes(), "eXIf")).isFalse();
            byte[] webp = run(rotated, "image/format,webp").bytes();
            assertThat(TestImages.contains(webp, "EXIF")).isFalse();
            assertThat(TestImages.header(webp).width()).isEqualTo(300);
            assertThat(TestImages.contains(run(rotated, "image/format,avif").bytes(), "Exif")).isFalse();
        }
    }

    @Nested
    class Refusals {

        @Test
        void decompressionBombIsRefusedBeforeDecoding() {
            byte[] bomb = TestImages.pngClaiming(50_000, 50_000);
            assertThat(bomb.length).isLessThan(200);
            assertThatThrownBy(() -> run(bomb, "image/resize,w_100"))
                    .isInstanceOf(ImageTooLargeException.class)
                    .hasMessageContaining("50000x50000");
        }

        @Test
        void pixelLimitIsConfigurable() {
            ImageProcessor small = new ImageProcessor(new ImageLimits(10_000, 1 << 20));
            assertThatThrownBy(() -> small.process(landscapeJpeg, ImagePipeline.parse("image/resize,w_10")))
                    .isInstanceOf(ImageTooLargeException.class);
            assertThat(small.process(TestImages.jpeg(100, 100), ImagePipeline.parse("image/resize,w_10")).width()).isEqualTo(10);
        }

        @Test
        void inputOverTheByteLimitIsRefused() {
            ImageProcessor small = new ImageProcessor(new ImageLimits(1_000_000, 1_000));
            assertThatThrownBy(() -> small.process(landscapeJpeg, ImagePipeline.parse("image")))
                    .isInstanceOf(ImageTooLargeException.class)
                    .hasMessageContaining("bytes");
        }

        @Test
        void randomBytesAreAProcessingError() {
            byte[] noise = new byte[5000];
            new Random(7).nextBytes(noise);
            assertThatThrownBy(() -> run(noise, "image/resize,w_10"))
                    .isExactlyInstanceOf(ImageProcessingException.class);
            assertThatThrownBy(() -> run(new byte[0], "image"))
                    .isExactlyInstanceOf(ImageProcessingException.class);
        }

        @Test
        void corruptAndTruncatedImagesAreProcessingErrors() {
            byte[] truncated = Arrays.copyOf(landscapeJpeg, landscapeJpeg.length / 2);
            assertThatThrownBy(() -> run(truncated, "image/resize,w_100"))
                    .isExactlyInstanceOf(ImageProcessingException.class);
            byte[] garbled = landscapeJpeg.clone();
            for (int i = 600; i < garbled.length; i += 7) {
                garbled[i] = (byte) 0xFF;
            }
            assertThatThrownBy(() -> run(TestImages.pngClaiming(64, 64), "image/resize,w_10"))
                    .isExactlyInstanceOf(ImageProcessingException.class);
            try {
                // libjpeg may decode garbled entropy data to noise: then it is an image, else an error
                assertThat(run(garbled, "image/resize,w_100").width()).isEqualTo(100);
            } catch (ImageProcessingException expected) {
                assertThat(expected).hasMessageNotContaining("native call failed");
            }
        }

        @Test
        void otherFormatsAreNotDecoded() {
            assertThatThrownBy(() -> run(TestImages.gif(40, 30), "image/resize,w_10"))
                    .isExactlyInstanceOf(ImageProcessingException.class)
                    .hasMessageContaining("unsupported image type");
            byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".getBytes();
            assertThatThrownBy(() -> run(svg, "image")).isInstanceOf(ImageProcessingException.class);
        }

        @Test
        void processableContentTypesAreTheOriginalsPlusAvif() {
            assertThat(ImageProcessor.canProcess("image/jpeg")).isTrue();
            assertThat(ImageProcessor.canProcess("IMAGE/PNG; charset=binary")).isTrue();
            assertThat(ImageProcessor.canProcess("image/webp")).isTrue();
            assertThat(ImageProcessor.canProcess("image/avif")).isTrue();
            assertThat(ImageProcessor.canProcess("image/gif")).isFalse();
            assertThat(ImageProcessor.canProcess("image/svg+xml")).isFalse();
            assertThat(ImageProcessor.canProcess(null)).isFalse();
        }
    }
}
