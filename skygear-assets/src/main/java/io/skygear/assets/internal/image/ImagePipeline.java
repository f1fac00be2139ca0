package io.skygear.assets.internal.image;

import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * A parsed {@code pipeline} query parameter, e.g. {@code image/resize,m_fill,w_300,h_200/format,webp}.
 * Syntax and semantics are the original server's; see docs/image-pipeline.md.
 *
 * @param operations the operations, in the order they apply
 */
public record ImagePipeline(List<ImageOperation> operations) {

    /** The most operations one pipeline may have. */
    public static final int MAX_OPERATIONS = 10;

    /** Quality when the pipeline has no {@code quality} operation. */
    public static final int DEFAULT_QUALITY = 85;

    public ImagePipeline {
        operations = List.copyOf(operations);
    }

    /**
     * Parses a pipeline.
     *
     * @throws InvalidPipelineException with the original server's message, e.g. {@code invalid format: gif}
     */
    public static ImagePipeline parse(String pipeline) {
        return new ImagePipeline(PipelineParser.parse(pipeline));
    }

    /** True for {@code image} alone (still re-encoded, auto-rotated and stripped when processed). */
    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /**
     * The media type of the result: the last {@code format}'s, else the original's (lower-cased,
     * without parameters). The processed image's own {@link ProcessedImage#contentType()} is authoritative.
     */
    public String outputContentType(String originalContentType) {
        return format().map(ImageFormat::contentType).orElseGet(() -> mediaType(originalContentType));
    }

    /** The last {@code format} operation's format, if any. */
    public Optional<ImageFormat> format() {
        ImageFormat format = null;
        for (ImageOperation operation : operations) {
            if (operation instanceof FormatOperation(ImageFormat f)) {
                format = f;
            }
        }
        return Optional.ofNullable(format);
    }

    /** The last {@code quality} operation's quality, else {@value #DEFAULT_QUALITY}. */
    public int quality() {
        int quality = DEFAULT_QUALITY;
        for (ImageOperation operation : operations) {
            if (operation instanceof QualityOperation(int q)) {
                quality = q;
            }
        }
        return quality;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
