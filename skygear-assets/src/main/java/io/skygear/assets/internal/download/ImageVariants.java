package io.skygear.assets.internal.download;

import io.skygear.assets.AssetSettings;
import io.skygear.assets.internal.image.ImageLimits;
import io.skygear.assets.internal.image.ImagePipeline;
import io.skygear.assets.internal.image.ImageProcessingException;
import io.skygear.assets.internal.image.ImageProcessor;
import io.skygear.assets.internal.image.InvalidPipelineException;
import io.skygear.assets.internal.image.ProcessedImage;
import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image pipeline as downloads use it: parse the {@code pipeline} parameter, decide whether it
 * applies, render a variant, and fall back to the original when rendering fails, as the original did.
 * Pixel bombs and originals over the size limit are served unprocessed too: the original never refused
 * an asset because of its pipeline, and the limits still bound what the server decodes.
 */
public final class ImageVariants {

    private static final Logger LOG = LoggerFactory.getLogger(ImageVariants.class);

    private final ImageProcessor processor;
    private final long maxBytes;

    public ImageVariants(AssetSettings settings) {
        this.processor = new ImageProcessor(new ImageLimits(settings.maxImagePixels(), settings.maxImageBytes()));
        this.maxBytes = settings.maxImageBytes();
    }

    /**
     * Parses a pipeline parameter.
     *
     * @throws SkygearException 400 {@code BadRequest/InvalidPipeline} with the parser's message (the
     *                          original silently ignored a bad pipeline; a clear error is kinder)
     */
    public static ImagePipeline parse(String pipeline) {
        try {
            return ImagePipeline.parse(pipeline);
        } catch (InvalidPipelineException e) {
            throw new SkygearException(ErrorName.BAD_REQUEST, "InvalidPipeline", e.getMessage());
        }
    }

    /**
     * Whether {@code pipeline} is rendered for an object of this type and size. {@code image} alone
     * is too: like the original, it re-encodes (and, beyond the original, auto-rotates and strips).
     */
    public boolean applies(ImagePipeline pipeline, String contentType, long size) {
        return size <= maxBytes && ImageProcessor.canProcess(contentType);
    }

    /** The variant, or empty when the original should be served. */
    public Optional<ProcessedImage> render(byte[] original, ImagePipeline pipeline) {
        try {
            return Optional.of(processor.process(original, pipeline));
        } catch (ImageProcessingException e) {
            LOG.debug("serving the original: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
