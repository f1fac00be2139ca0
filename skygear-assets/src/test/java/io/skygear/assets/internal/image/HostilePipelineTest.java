package io.skygear.assets.internal.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 1,000 seeded hostile pipeline strings: each either parses or fails with {@link InvalidPipelineException}
 * (a 400 with its message), and whatever parses then processes to an image or an
 * {@link ImageProcessingException} (the original is served) — never any other exception.
 */
class HostilePipelineTest {

    private static final long SEED = 20261125L;
    private static final String[] TOKENS = {
        "image", "/", ",", "_", "format", "quality", "resize", "m", "w", "h", "l", "s", "color", "Q",
        "jpg", "png", "webp", "avif", "gif", "lfit", "mfit", "fill", "pad", "fixed", "0", "1", "4096", "4097",
        "-1", "+7", "2147483648", "99999999999999999999", "FFEEDD", "ffeedd", "GGGGGG", "%2F", "%00", "\u0000",
        "\u0663", "\uFF11", "\uD83D\uDE00", "\uD800", " ", "\t", "\n", "..", "../", "//", "__", ",,", "1e3",
        "0x10", "NaN", "null", "${jndi:ldap://x}", "<script>", "'", "\"", "\\",
    };

    @Test
    void hostilePipelinesOnlyEverFailToParseOrFallBack() {
        Random random = new Random(SEED);
        ImageProcessor processor = new ImageProcessor(ImageLimits.defaults());
        byte[] image = TestImages.jpeg(64, 48);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            inputs.add(hostile(random));
        }
        int parsed = 0;
        int rejected = 0;
        for (String input : inputs) {
            ImagePipeline pipeline;
            try {
                pipeline = ImagePipeline.parse(input);
            } catch (InvalidPipelineException e) {
                assertThat(e.getMessage()).as(input).isNotBlank();
                rejected++;
                continue;
            }
            parsed++;
            assertThat(pipeline.operations()).as(input).hasSizeLessThanOrEqualTo(ImagePipeline.MAX_OPERATIONS);
            try {
                ProcessedImage out = processor.process(image, pipeline);
                assertThat(out.width()).as(input).isBetween(1, 4096);
                assertThat(out.height()).as(input).isBetween(1, 4096);
                assertThat(TestImages.magic(out.bytes())).as(input).isNotEqualTo("unknown");
            } catch (ImageProcessingException e) {
                assertThat(e.getMessage()).as(input).isNotBlank();
            }
        }
        // the generator must exercise both sides
        assertThat(parsed).isGreaterThan(100);
        assertThat(rejected).isGreaterThan(300);
    }

    /** Token soup, mutated valid pipelines, random characters and very long strings, by turns. */
    private static String hostile(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> tokenSoup(random, 1 + random.nextInt(30));
            case 1 -> mutate(random, validLooking(random));
            case 2 -> validLooking(random);
            case 3 -> randomChars(random, random.nextInt(80));
            default -> "image" + ("/" + validOperation(random)).repeat(1 + random.nextInt(15));
        };
    }

    private static String tokenSoup(Random random, int length) {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "image/" : "");
        for (int i = 0; i < length; i++) {
            out.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return out.toString();
    }

    private static String validLooking(Random random) {
        StringBuilder out = new StringBuilder("image");
        int operations = random.nextInt(12);
        for (int i = 0; i < operations; i++) {
            out.append('/').append(validOperation(random));
        }
        return out.toString();
    }

    private static String validOperation(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "format," + pick(random, "jpg", "png", "webp", "avif");
            case 1 -> "quality,Q_" + (1 + random.nextInt(100));
            default -> {
                StringBuilder resize = new StringBuilder("resize");
                resize.append(",m_").append(pick(random, "lfit", "mfit", "fill", "pad", "fixed"));
                for (String side : new String[] {"w", "h", "l", "s"}) {
                    if (random.nextInt(3) == 0) {
                        resize.append(',').append(side).append('_').append(1 + random.nextInt(random.nextBoolean() ? 100 : 4096));
                    }
                }
                if (random.nextInt(4) == 0) {
                    resize.append(",color_").append(String.format("%06X", random.nextInt(0x1000000)));
                }
                yield resize.toString();
            }
        };
    }

    private static String mutate(Random random, String valid) {
        StringBuilder out = new StringBuilder(valid);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !out.isEmpty(); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(3)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                default -> out.setCharAt(at, (char) random.nextInt(0x3000));
            }
        }
        return out.toString();
    }

    private static String randomChars(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x10000)));
        }
        return out.toString();
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
