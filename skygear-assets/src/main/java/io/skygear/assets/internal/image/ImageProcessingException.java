package io.skygear.assets.internal.image;

/**
 * Processing an image failed (not an image, corrupt, unsupported, libvips missing or failing). The
 * asset gear then serves the original bytes, as the original server did.
 */
public class ImageProcessingException extends RuntimeException {

    public ImageProcessingException(String message) {
        super(message);
    }

    public ImageProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
