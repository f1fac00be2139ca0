package io.skygear.auth.internal.ratelimit;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * 429 {@code TooManyRequest/TooManyRequest} "too many requests", info
 * {@code {"bucket": "<bucket>", "retry_after": <seconds>}}. The HTTP layer turns it into a
 * {@code Retry-After} header with {@link #setRetryAfter}.
 */
public final class RateLimitExceeded extends SkygearException {

    /** The response header telling the client when to retry, in seconds. */
    public static final String RETRY_AFTER = "Retry-After";

    private final long retryAfterSeconds;

    RateLimitExceeded(String bucket, Duration retryAfter) {
        this(bucket, seconds(retryAfter));
    }

    private RateLimitExceeded(String bucket, long retryAfterSeconds) {
        super(ErrorName.TOO_MANY_REQUEST, ErrorName.TOO_MANY_REQUEST.wireName(), "too many requests",
                info(bucket, retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the window resets, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * The {@code Retry-After} value for {@code error} if it is (or, through servlet wrapping, is
     * caused by) a {@code RateLimitExceeded}.
     */
    public static Optional<String> retryAfter(Throwable error) {
        Throwable t = error;
        while (t instanceof ServletException && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RateLimitExceeded e ? Optional.of(Long.toString(e.retryAfterSeconds)) : Optional.empty();
    }

    /** Sets {@code Retry-After} on {@code response} when {@code error} is a rate-limit error; call before writing the error. */
    public static void setRetryAfter(HttpServletResponse response, Throwable error) {
        retryAfter(error).ifPresent(value -> response.setHeader(RETRY_AFTER, value));
    }

    private static long seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    private static Map<String, Object> info(String bucket, long retryAfterSeconds) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("bucket", bucket);
        info.put("retry_after", retryAfterSeconds);
        return info;
    }
}
