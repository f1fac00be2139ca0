package io.skygear.assets.internal.image;

/** {@code format,<jpg|png|webp|avif>}: the output format (the last one wins). */
public record FormatOperation(ImageFormat format) implements ImageOperation {
}
