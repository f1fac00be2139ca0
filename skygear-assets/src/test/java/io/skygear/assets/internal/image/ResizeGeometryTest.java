package io.skygear.assets.internal.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.assets.internal.image.GeometryStep.Crop;
import io.skygear.assets.internal.image.GeometryStep.Pad;
import io.skygear.assets.internal.image.GeometryStep.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The original's resize arithmetic (its resize_test.go examples), without libvips. */
class ResizeGeometryTest {

    private static List<GeometryStep> steps(ScalingMode mode, int w, int h, int l, int s, int width, int height) {
        return new ResizeOperation(mode, w, h, l, s, RgbColor.WHITE).steps(width, height);
    }

    @Test
    void lfitTargetsFollowTheReference() {
        assertThat(steps(ScalingMode.LFIT, 0, 0, 0, 0, 400, 300)).isEmpty(); // original size
        assertThat(steps(ScalingMode.LFIT, 200, 0, 0, 0, 400, 300)).containsExactly(new Scale(200, 150));
        assertThat(steps(ScalingMode.LFIT, 0, 150, 0, 0, 400, 300)).containsExactly(new Scale(200, 150));
        assertThat(steps(ScalingMode.LFIT, 0, 0, 200, 0, 400, 300)).containsExactly(new Scale(200, 150));
        assertThat(steps(ScalingMode.LFIT, 0, 0, 0, 150, 400, 300)).containsExactly(new Scale(200, 150));
        assertThat(steps(ScalingMode.LFIT, 120, 130, 0, 0, 400, 300)).containsExactly(new Scale(120, 90));
        assertThat(steps(ScalingMode.LFIT, 1, 2, 3, 4, 400, 300)).containsExactly(new Scale(1, 1));
    }

    @Test
    void lfitAndMfitBoxesFollowTheReference() {
        assertThat(steps(ScalingMode.LFIT, 200, 200, 0, 0, 400, 300)).containsExactly(new Scale(200, 150)); // 0.5
        assertThat(steps(ScalingMode.LFIT, 200, 100, 0, 0, 400, 300)).containsExactly(new Scale(133, 100)); // 0.3325
        assertThat(steps(ScalingMode.LFIT, 100, 200, 0, 0, 400, 300)).containsExactly(new Scale(100, 75)); // 0.25
        assertThat(steps(ScalingMode.LFIT, 500, 500, 0, 0, 400, 300)).isEmpty(); // 1.25: no upscaling
        assertThat(steps(ScalingMode.MFIT, 200, 200, 0, 0, 400, 300)).containsExactly(new Scale(267, 200)); // 0.6675
        assertThat(steps(ScalingMode.MFIT, 200, 100, 0, 0, 400, 300)).containsExactly(new Scale(200, 150)); // 0.5
        assertThat(steps(ScalingMode.MFIT, 100, 200, 0, 0, 400, 300)).containsExactly(new Scale(267, 200));
        assertThat(steps(ScalingMode.MFIT, 500, 500, 0, 0, 400, 300)).isEmpty(); // 1.6675
    }

    @Test
    void fillCropsTheCentre() {
        assertThat(steps(ScalingMode.FILL, 200, 200, 0, 0, 800, 400))
                .containsExactly(new Scale(400, 200), new Crop(100, 0, 200, 200));
        assertThat(steps(ScalingMode.FILL, 200, 200, 0, 0, 400, 800))
                .containsExactly(new Scale(200, 400), new Crop(0, 100, 200, 200));
        assertThat(steps(ScalingMode.FILL, 200, 0, 0, 0, 400, 300)) // one side: a square
                .containsExactly(new Scale(267, 200), new Crop(33, 0, 200, 200));
    }

    @Test
    void padTargetsAndOffsetsFollowTheReference() {
        assertThat(steps(ScalingMode.PAD, 0, 0, 0, 0, 400, 300)).isEmpty();
        assertThat(steps(ScalingMode.PAD, 200, 0, 0, 0, 400, 300))
                .containsExactly(new Scale(200, 150), new Pad(0, 25, 200, 200, RgbColor.WHITE));
        assertThat(steps(ScalingMode.PAD, 0, 200, 0, 0, 400, 300))
                .containsExactly(new Scale(200, 150), new Pad(0, 25, 200, 200, RgbColor.WHITE));
        assertThat(steps(ScalingMode.PAD, 0, 0, 100, 200, 400, 300))
                .containsExactly(new Scale(100, 75), new Pad(0, 62, 100, 200, RgbColor.WHITE));
        assertThat(steps(ScalingMode.PAD, 100, 200, 0, 0, 400, 300))
                .containsExactly(new Scale(100, 75), new Pad(0, 62, 100, 200, RgbColor.WHITE));
        // the reference's offset example: content 200x100 on a 400x300 target sits at 100,100
        assertThat(steps(ScalingMode.PAD, 400, 300, 0, 0, 800, 200))
                .containsExactly(new Scale(400, 100), new Pad(0, 100, 400, 300, RgbColor.WHITE));
        assertThat(steps(ScalingMode.PAD, 400, 100, 0, 0, 800, 400))
                .containsExactly(new Scale(200, 100), new Pad(100, 0, 400, 100, RgbColor.WHITE));
    }

    @Test
    void fixedScalesEachAxisAndNeverEnlarges() {
        assertThat(steps(ScalingMode.FIXED, 100, 100, 0, 0, 400, 300)).containsExactly(new Scale(100, 100));
        assertThat(steps(ScalingMode.FIXED, 100, 0, 0, 0, 400, 300)).containsExactly(new Scale(100, 75));
        assertThat(steps(ScalingMode.FIXED, 400, 100, 0, 0, 400, 300)).containsExactly(new Scale(400, 100));
        assertThat(steps(ScalingMode.FIXED, 500, 100, 0, 0, 400, 300)).isEmpty();
        assertThat(steps(ScalingMode.FIXED, 400, 300, 0, 0, 400, 300)).isEmpty();
    }

    @Test
    void longerSideIsTheWidthOnlyWhenStrictlyWider() {
        assertThat(steps(ScalingMode.LFIT, 0, 0, 100, 0, 300, 400)).containsExactly(new Scale(75, 100));
        assertThat(steps(ScalingMode.LFIT, 0, 0, 100, 0, 400, 400)).containsExactly(new Scale(100, 100));
        assertThat(steps(ScalingMode.FIXED, 0, 0, 100, 50, 400, 400)).containsExactly(new Scale(50, 100));
    }
}
