package io.skygear.assets.internal.image;

/**
 * Bounds on what {@link ImageProcessor} accepts and how much it does at once.
 *
 * @param maxPixels largest width × height an image header may claim; larger images are refused before
 *     decoding (decompression bombs)
 * @param maxInputBytes largest encoded input; the original server processed up to 20 MiB
 * @param maxConcurrent images processed at the same time; further callers wait, which bounds memory
 */
public record ImageLimits(long maxPixels, long maxInputBytes, int maxConcurrent) {

    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    public static final long DEFAULT_MAX_INPUT_BYTES = 20L * 1024 * 1024;

    public ImageLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, was " + maxPixels);
        }
        if (maxInputBytes < 1) {
            throw new IllegalArgumentException("maxInputBytes must be positive, was " + maxInputBytes);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be positive, was " + maxConcurrent);
        }
    }

    /** Limits with one image at a time per available processor. */
    public ImageLimits(long maxPixels, long maxInputBytes) {
        this(maxPixels, maxInputBytes, Runtime.getRuntime().availableProcessors());
    }

    /** 50 megapixels, 20 MiB, one image at a time per available processor. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_INPUT_BYTES);
    }
}
