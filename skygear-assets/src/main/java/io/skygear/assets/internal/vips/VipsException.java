package io.skygear.assets.internal.vips;

/**
 * A libvips call failed, or libvips could not be loaded. The message carries libvips' own error text
 * (from {@code vips_error_buffer}) after the name of the operation that failed.
 */
public final class VipsException extends RuntimeException {

    public VipsException(String message) {
        super(message);
    }

    public VipsException(String message, Throwable cause) {
        super(message, cause);
    }
}
