package io.skygear.auth.internal.hook;

/**
 * A hook call that failed: unreachable, timed out, non-2xx, or an invalid before-hook response. The
 * message is safe to log (the URL without query, no body, no secret).
 */
final class HookDeliveryException extends Exception {

    HookDeliveryException(String message) {
        super(message);
    }

    HookDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
