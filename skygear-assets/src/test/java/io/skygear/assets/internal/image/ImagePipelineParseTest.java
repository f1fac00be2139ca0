package io.skygear.assets.internal.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The original server's pipeline grammar: its accepted examples and its exact error messages. */
class ImagePipelineParseTest {

    @Test
    void formatQualityAndResizeParse() {
        assertThat(ImagePipeline.parse("image/format,jpg").operations())
                .containsExactly(new FormatOperation(ImageFormat.JPG));
        assertThat(ImagePipeline.parse("image/quality,Q_85").operations()).containsExactly(new QualityOperation(85));
        assertThat(ImagePipeline.parse("image/resize,m_fixed,w_1,h_2,l_3,s_4,color_FFEEDD").operations())
                .containsExactly(new ResizeOperation(ScalingMode.FIXED, 1, 2, 3, 4, new RgbColor(255, 238, 221)));
    }

    @Test
    void operationsKeepTheirOrder() {
        assertThat(ImagePipeline.parse("image/resize,m_fixed,w_1,h_2,l_3,s_4,color_FFEEDD/format,jpg/quality,Q_85").operations())
                .containsExactly(
                        new ResizeOperation(ScalingMode.FIXED, 1, 2, 3, 4, new RgbColor(255, 238, 221)),
                        new FormatOperation(ImageFormat.JPG),
                        new QualityOperation(85));
    }

    @Test
    void resizeDefaultsToLfitOnWhiteAndIgnoresUnknownArguments() {
        assertThat(ImagePipeline.parse("image/resize").operations())
                .containsExactly(new ResizeOperation(ScalingMode.LFIT, 0, 0, 0, 0, RgbColor.WHITE));
        assertThat(ImagePipeline.parse("image/resize,w_10,x_99,limit_0,,p").operations())
                .containsExactly(new ResizeOperation(ScalingMode.LFIT, 10, 0, 0, 0, RgbColor.WHITE));
        assertThat(ImagePipeline.parse("image/resize,m_fill,color_00ff7f").operations())
                .containsExactly(new ResizeOperation(ScalingMode.FILL, 0, 0, 0, 0, new RgbColor(0, 255, 127)));
    }

    @Test
    void imageAloneIsAnEmptyPipeline() {
        ImagePipeline pipeline = ImagePipeline.parse("image");
        assertThat(pipeline.isEmpty()).isTrue();
        assertThat(pipeline.outputContentType("image/PNG; x=y")).isEqualTo("image/png");
        assertThat(pipeline.quality()).isEqualTo(85);
    }

    @Test
    void lastFormatAndQualityWin() {
        ImagePipeline pipeline = ImagePipeline.parse("image/format,png/quality,Q_10/format,webp/quality,Q_+20");
        assertThat(pipeline.outputContentType("image/jpeg")).isEqualTo("image/webp");
        assertThat(pipeline.quality()).isEqualTo(20);
        assertThat(ImagePipeline.parse("image/format,avif").outputContentType("image/jpeg")).isEqualTo("image/avif");
    }

    @Test
    void tenOperationsAreTheLimit() {
        assertThat(ImagePipeline.parse("image" + "/resize,w_1".repeat(10)).operations()).hasSize(10);
        assertThatThrownBy(() -> ImagePipeline.parse("image" + "/resize,w_1".repeat(11)))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("query too long");
        // every operation is parsed before the count is checked
        assertThatThrownBy(() -> ImagePipeline.parse("image" + "/resize,w_1".repeat(11) + "/blur"))
                .hasMessage("invalid operation: blur");
    }

    @ParameterizedTest(name = "\"{0}\" fails with \"{1}\"")
    @CsvSource(delimiter = '|', emptyValue = "", quoteCharacter = '"', ignoreLeadingAndTrailingWhitespace = false, value = {
        "|invalid asset type: ",
        "video|invalid asset type: video",
        "Image/format,jpg|invalid asset type: Image",
        "image/unknown|invalid operation: unknown",
        "image/|invalid operation: ",
        "image/format|invalid format: ",
        "image/format,gif|invalid format: gif",
        "image/format,JPG|invalid format: JPG",
        "image/format,jpg,x|invalid format: jpg,x",
        "image/quality|invalid quality: ",
        "image/quality,q_5|invalid quality: q_5",
        "image/quality,Q_a|value 'a' is not an integer",
        "image/quality,Q_|value '' is not an integer",
        "image/quality,Q_101|value '101' is not in range [1,100]",
        "image/quality,Q_0|value '0' is not in range [1,100]",
        "image/quality,Q_99999999999|value '99999999999' is not an integer",
        "image/quality,Q_٣|value '٣' is not an integer",
        "image/resize,m|invalid scaling mode: ",
        "image/resize,m_unknown|invalid scaling mode: unknown",
        "image/resize,w|value '' is not an integer",
        "image/resize,w_0|value '0' is not in range [1,4096]",
        "image/resize,h_4097|value '4097' is not in range [1,4096]",
        "image/resize,l_-1|value '-1' is not in range [1,4096]",
        "image/resize,s_1.5|value '1.5' is not an integer",
        "image/resize,color|invalid color: ",
        "image/resize,color_G|invalid color: G",
        "image/resize,color_GGGGGG|invalid color: GGGGGG",
        "image/resize,color_FFEEDDCC|invalid color: FFEEDDCC",
        "image/resize,color_-FEEDD|invalid color: -FEEDD",
    })
    void malformedPipelinesFailWithTheOriginalsMessage(String pipeline, String message) {
        assertThatThrownBy(() -> ImagePipeline.parse(pipeline))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage(message);
    }

    @Test
    void nullIsAnInvalidAssetType() {
        assertThatThrownBy(() -> ImagePipeline.parse(null)).isInstanceOf(InvalidPipelineException.class)
                .hasMessage("invalid asset type: ");
    }
}
