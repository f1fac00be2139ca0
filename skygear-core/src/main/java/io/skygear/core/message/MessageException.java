package io.skygear.core.message;

/**
 * A message could not be sent. {@link #retryable()} tells whether the same message may go through
 * later (a connection failure, a 5xx answer) or never will as it is (no configuration, an address the
 * server refuses, a 4xx answer). Messages never carry the provider's credentials.
 */
public final class MessageException extends RuntimeException {

    private final boolean retryable;

    public MessageException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public MessageException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether sending the same message again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
