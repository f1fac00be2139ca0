package io.skygear.assets.internal.image;

/**
 * The {@code pipeline} parameter does not parse. The message is the original server's parse error
 * (e.g. {@code invalid operation: blur}) and is meant for the client (served as 400).
 */
public final class InvalidPipelineException extends RuntimeException {

    public InvalidPipelineException(String message) {
        super(message);
    }
}
