package io.skygear.assets.internal.image;

/**
 * The image exceeds {@link ImageLimits}: more bytes than allowed, or a header claiming more pixels
 * than allowed (a decompression bomb). Thrown before any pixel is decoded.
 */
public final class ImageTooLargeException extends ImageProcessingException {

    public ImageTooLargeException(String message) {
        super(message);
    }
}
