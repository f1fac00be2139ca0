package io.skygear.assets.internal.image;

import io.skygear.assets.internal.vips.Vips;
import io.skygear.assets.internal.vips.VipsException;
import io.skygear.assets.internal.vips.VipsImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * Applies an {@link ImagePipeline} to an encoded image with libvips. On top of the original server's
 * operations it always applies the EXIF orientation and strips metadata (EXIF, XMP, ICC, comments).
 *
 * <p>Safety: inputs above {@link ImageLimits#maxInputBytes()} and headers claiming more than
 * {@link ImageLimits#maxPixels()} are refused before decoding ({@link ImageTooLargeException}); only
 * JPEG, PNG, WebP and AVIF/HEIF decoders are used whatever the bytes claim; the first scaling goes
 * through libvips' thumbnail path (shrink-on-load, streaming decode); at most
 * {@link ImageLimits#maxConcurrent()} images are processed at once. Thread-safe.
 */
public final class ImageProcessor {

    /** Truncated files fail (and the gear serves the original) instead of being padded with grey. */
    private static final String LOAD_OPTIONS = "fail_on=truncated";

    private final ImageLimits limits;
    private final Semaphore slots;

    public ImageProcessor(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.slots = new Semaphore(limits.maxConcurrent());
    }

    /** True when libvips (8.13+) is loadable; without it every {@link #process} call fails. */
    public static boolean available() {
        return Vips.available();
    }

    /** Why libvips is unavailable (with how to install it), or null when it is available. */
    public static String unavailableReason() {
        return Vips.unavailableReason();
    }

    /**
     * True for the media types a pipeline applies to: {@code image/jpeg}, {@code image/png},
     * {@code image/webp} (the original's), and {@code image/avif} when libvips can read it.
     * Parameters and case are ignored.
     */
    public static boolean canProcess(String contentType) {
        return switch (ImagePipeline.mediaType(contentType)) {
            case "image/jpeg", "image/png", "image/webp" -> true;
            case "image/avif" -> available() && Vips.hasOperation("heifload_buffer");
            default -> false;
        };
    }

    /**
     * Runs the pipeline.
     *
     * @throws ImageTooLargeException when the input exceeds the limits (checked before decoding)
     * @throws ImageProcessingException when the bytes are not a supported image, are corrupt, or
     *     libvips fails or is missing; serve the original then
     */
    public ProcessedImage process(byte[] original, ImagePipeline pipeline) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(pipeline, "pipeline");
        if (!available()) {
            throw new ImageProcessingException("libvips is unavailable: " + unavailableReason());
        }
        if (original.length > limits.maxInputBytes()) {
            throw new ImageTooLargeException("image has " + original.length + " bytes, more than the limit of "
                    + limits.maxInputBytes());
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageProcessingException("interrupted while waiting for an image slot", e);
        }
        try {
            return run(original, pipeline);
        } catch (VipsException e) {
            throw new ImageProcessingException(e.getMessage(), e);
        } finally {
            slots.release();
        }
    }

    private ProcessedImage run(byte[] original, ImagePipeline pipeline) {
        // libvips reads the buffer lazily until the save: it lives as long as this arena, which
        // outlives every image below (closed in the inner finally)
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, original);
            ImageFormat sourceFormat = sourceFormat(buffer);
            int width;
            int height;
            try (VipsImage header = VipsImage.newFromBuffer(buffer)) {
                width = header.width();
                height = header.height();
                if ((long) width * height > limits.maxPixels()) {
                    throw new ImageTooLargeException("image is " + width + "x" + height + " pixels, more than the limit of "
                            + limits.maxPixels());
                }
                int orientation = header.intField("orientation").orElse(1);
                if (orientation >= 5 && orientation <= 8) { // rotated by 90 or 270 degrees
                    int swap = width;
                    width = height;
                    height = swap;
                }
            }
            VipsImage image = null;
            try {
                for (ImageOperation operation : pipeline.operations()) {
                    if (operation instanceof ResizeOperation resize) {
                        int currentWidth = image == null ? width : image.width();
                        int currentHeight = image == null ? height : image.height();
                        for (GeometryStep step : resize.steps(currentWidth, currentHeight)) {
                            VipsImage next = apply(image, buffer, step);
                            closeQuietly(image);
                            image = next;
                        }
                    }
                }
                if (image == null) { // no scaling: still decode through thumbnail for rotation
                    image = VipsImage.thumbnail(buffer, width, height, LOAD_OPTIONS);
                }
                ImageFormat format = pipeline.format().orElse(sourceFormat);
                if (format == ImageFormat.JPG && image.hasAlpha()) {
                    VipsImage flat = image.flatten(RgbColor.WHITE.toBackground());
                    image.close();
                    image = flat;
                }
                if (format == ImageFormat.WEBP) { // libwebp encodes from memory anyway; see copyMemory()
                    VipsImage decoded = image.copyMemory();
                    image.close();
                    image = decoded;
                }
                byte[] bytes = image.save(suffix(format, pipeline.quality()));
                if (format == ImageFormat.WEBP) {
                    bytes = WebpMetadata.strip(bytes);
                }
                return new ProcessedImage(bytes, format.contentType(), image.width(), image.height());
            } finally {
                closeQuietly(image);
            }
        }
    }

    private static VipsImage apply(VipsImage image, MemorySegment buffer, GeometryStep step) {
        return switch (step) {
            case GeometryStep.Scale(int width, int height) -> image == null
                    ? VipsImage.thumbnail(buffer, width, height, LOAD_OPTIONS)
                    : image.resize((double) width / image.width(), (double) height / image.height());
            case GeometryStep.Crop crop -> {
                // the resize may round one pixel off the planned content size: stay inside the image
                int width = Math.min(crop.width(), image.width());
                int height = Math.min(crop.height(), image.height());
                int left = Math.min(crop.left(), image.width() - width);
                int top = Math.min(crop.top(), image.height() - height);
                yield image.extractArea(left, top, width, height);
            }
            case GeometryStep.Pad pad -> pad(image, pad);
        };
    }

    private static VipsImage pad(VipsImage image, GeometryStep.Pad pad) {
        double[] background = pad.color().toBackground();
        VipsImage flat = image.hasAlpha() ? image.flatten(background) : null;
        VipsImage source = flat == null ? image : flat;
        VipsImage colour = source.bands() < 3 ? source.toSrgb() : null; // grey gets a coloured border
        try {
            return (colour == null ? source : colour).embed(pad.left(), pad.top(), pad.width(), pad.height(), background);
        } finally {
            closeQuietly(colour);
            closeQuietly(flat);
        }
    }

    private static ImageFormat sourceFormat(MemorySegment buffer) {
        String loader = Vips.findLoader(buffer)
                .orElseThrow(() -> new ImageProcessingException("not an image libvips can read"));
        if (loader.startsWith("VipsForeignLoadJpeg")) {
            return ImageFormat.JPG;
        } else if (loader.startsWith("VipsForeignLoadPng")) {
            return ImageFormat.PNG;
        } else if (loader.startsWith("VipsForeignLoadWebp")) {
            return ImageFormat.WEBP;
        } else if (loader.startsWith("VipsForeignLoadHeif")) {
            return ImageFormat.AVIF;
        }
        throw new ImageProcessingException("unsupported image type (" + loader + ")");
    }

    private static String suffix(ImageFormat format, int quality) {
        if (format == ImageFormat.AVIF && !Vips.canSave(format.suffix())) {
            throw new ImageProcessingException("this libvips build cannot write avif");
        }
        return format.saveSuffix(quality);
    }

    private static void closeQuietly(VipsImage image) {
        if (image != null) {
            image.close();
        }
    }
}
