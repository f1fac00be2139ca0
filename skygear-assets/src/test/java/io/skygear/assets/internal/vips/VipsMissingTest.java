package io.skygear.assets.internal.vips;

import static org.assertj.core.api.Assertions.assertThat;

import io.skygear.assets.internal.image.ImageLimits;
import io.skygear.assets.internal.image.ImagePipeline;
import io.skygear.assets.internal.image.ImageProcessingException;
import io.skygear.assets.internal.image.ImageProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without libvips nothing breaks at startup: the processor reports why and every call fails cleanly. */
class VipsMissingTest {

    @Test
    void missingLibraryIsReportedWithHowToInstallIt() throws IOException, InterruptedException {
        // the binding loads once per JVM, so the missing library is tried in a JVM of its own
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-D" + VipsLib.LIBRARY_PROPERTY + "=/nonexistent/libvips.so.42",
                "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output)
                .contains("available=false")
                .contains("reason=libvips 8.13+ not found (tried /nonexistent/libvips.so.42); install it "
                        + "(Debian/Ubuntu: apt-get install libvips42) or set -Dskygear.vips.library")
                .contains("process=ImageProcessingException: libvips is unavailable: libvips 8.13+ not found")
                .contains("canProcess=true");
    }

    /** Runs in the child JVM. */
    static final class Probe {
        public static void main(String[] args) {
            System.out.println("available=" + ImageProcessor.available());
            System.out.println("reason=" + ImageProcessor.unavailableReason());
            System.out.println("canProcess=" + ImageProcessor.canProcess("image/jpeg"));
            try {
                new ImageProcessor(ImageLimits.defaults()).process(new byte[] {1}, ImagePipeline.parse("image"));
                System.out.println("process=ok");
            } catch (ImageProcessingException e) {
                System.out.println("process=ImageProcessingException: " + e.getMessage());
            }
        }
    }
}
