package io.skygear.assets.internal.image;

/**
 * The encoded result of a pipeline: what to serve instead of the original.
 *
 * @param bytes the encoded image
 * @param contentType its media type, e.g. {@code image/webp}
 * @param width its width in pixels
 * @param height its height in pixels
 */
public record ProcessedImage(byte[] bytes, String contentType, int width, int height) {
}
