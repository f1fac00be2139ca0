package io.skygear.assets.internal.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The FFM binding against the installed libvips: probes, each operation, errors and lifetimes. */
class VipsImageTest {

    private static Arena arena;
    private static MemorySegment png; // 40x30 RGBA PNG, red with a transparent right half

    @BeforeAll
    static void setUp() throws IOException {
        assertThat(Vips.available()).as(Vips.unavailableReason()).isTrue();
        arena = Arena.ofShared();
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 20 ? 0xFFFF0000 : 0x00000000);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        png = arena.allocateFrom(ValueLayout.JAVA_BYTE, out.toByteArray());
    }

    @AfterAll
    static void tearDown() {
        arena.close();
    }

    @Test
    void reportsVersionAndProbes() {
        assertThat(Vips.version()).matches("8\\.\\d+\\.\\d+");
        assertThat(Vips.unavailableReason()).isNull();
        assertThat(Vips.canSave(".webp")).isTrue();
        assertThat(Vips.canSave(".nonsense")).isFalse();
        assertThat(Vips.hasOperation("thumbnail_buffer")).isTrue();
        assertThat(Vips.hasOperation("no_such_operation")).isFalse();
    }

    @Test
    void findsTheLoaderFromTheBytesAlone() {
        assertThat(Vips.findLoader(png)).hasValue("VipsForeignLoadPngBuffer");
        try (Arena local = Arena.ofConfined()) {
            assertThat(Vips.findLoader(local.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))).isEmpty();
        }
    }

    @Test
    void headerLoadGivesSizeBandsAndAlpha() {
        try (VipsImage image = VipsImage.newFromBuffer(png)) {
            assertThat(image.width()).isEqualTo(40);
            assertThat(image.height()).isEqualTo(30);
            assertThat(image.bands()).isEqualTo(4);
            assertThat(image.hasAlpha()).isTrue();
            assertThat(image.intField("orientation")).isEmpty();
        }
    }

    @Test
    void thumbnailForcesTheExactSize() {
        try (VipsImage thumb = VipsImage.thumbnail(png, 17, 9, "")) {
            assertThat(thumb.width()).isEqualTo(17);
            assertThat(thumb.height()).isEqualTo(9);
        }
    }

    @Test
    void operationsProduceTheExpectedImages() throws IOException {
        try (VipsImage image = VipsImage.newFromBuffer(png);
                VipsImage half = image.resize(0.5, 0.25);
                VipsImage left = image.extractArea(0, 0, 20, 30);
                VipsImage flat = image.flatten(0, 0, 255);
                VipsImage opaqueLeft = left.flatten(255, 255, 255);
                VipsImage framed = opaqueLeft.embed(5, 0, 30, 30, 0, 255, 0);
                VipsImage rotated = image.autorotate();
                VipsImage inMemory = half.copyMemory()) {
            assertThat(new int[] {half.width(), half.height()}).containsExactly(20, 8);
            assertThat(new int[] {left.width(), left.height()}).containsExactly(20, 30);
            assertThat(flat.bands()).isEqualTo(3);
            BufferedImage flatPixels = decode(flat.save(".png"));
            assertThat(flatPixels.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
            assertThat(flatPixels.getRGB(39, 0) & 0xFFFFFF).isEqualTo(0x0000FF); // transparent became blue
            BufferedImage framedPixels = decode(framed.save(".png"));
            assertThat(framedPixels.getWidth()).isEqualTo(30);
            assertThat(framedPixels.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x00FF00);
            assertThat(framedPixels.getRGB(10, 10) & 0xFFFFFF).isEqualTo(0xFF0000);
            assertThat(rotated.width()).isEqualTo(40);
            assertThat(new int[] {inMemory.width(), inMemory.height(), inMemory.bands()}).containsExactly(20, 8, 4);
        }
    }

    @Test
    void greyConvertsToSrgb() {
        try (VipsImage image = VipsImage.newFromBuffer(png);
                VipsImage flat = image.flatten(0, 0, 0);
                VipsImage srgb = flat.toSrgb()) {
            assertThat(srgb.bands()).isEqualTo(3);
        }
    }

    @Test
    void failuresCarryLibvipsErrorText() {
        try (VipsImage image = VipsImage.newFromBuffer(png)) {
            assertThatThrownBy(() -> image.extractArea(30, 0, 20, 20))
                    .isInstanceOf(VipsException.class)
                    .hasMessageStartingWith("extract_area: ")
                    .hasMessageContaining("bad extract area");
            assertThatThrownBy(() -> image.save(".nonsense"))
                    .isInstanceOf(VipsException.class)
                    .hasMessageStartingWith("save .nonsense: ");
        }
        try (Arena local = Arena.ofConfined()) {
            MemorySegment junk = local.allocateFrom(ValueLayout.JAVA_BYTE, new byte[] {0, 1, 2, 3});
            assertThatThrownBy(() -> VipsImage.newFromBuffer(junk)).isInstanceOf(VipsException.class)
                    .hasMessageStartingWith("load: ");
        }
    }

    @Test
    void closeIsIdempotentAndAClosedImageRefusesUse() {
        VipsImage image = VipsImage.newFromBuffer(png);
        image.close();
        image.close();
        assertThatThrownBy(image::width).isInstanceOf(IllegalStateException.class).hasMessage("image is closed");
    }

    private static BufferedImage decode(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
