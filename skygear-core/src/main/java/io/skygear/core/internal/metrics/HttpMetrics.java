package io.skygear.core.internal.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skygear.core.error.SkygearException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@value #REQUESTS} timer of one gear: every request its servlet answered, tagged with the
 * endpoint template the servlet routed to (never the raw path: asset names and provider ids would
 * explode the series), the status code and the error reason of the envelope ({@code none} on success).
 */
public final class HttpMetrics {

    public static final String REQUESTS = "skygear.http.requests";
    /** The endpoint tag of a request no route matched. */
    public static final String UNMATCHED = "unmatched";
    public static final String NO_ERROR = "none";

    private static final String ENDPOINT = HttpMetrics.class.getName() + ".endpoint";

    private final Meter.MeterProvider<Timer> requests;

    public HttpMetrics(MeterRegistry registry, String gear) {
        this.requests = Timer.builder(REQUESTS)
                .description("Requests answered by a Skygear gear")
                .tag("gear", Objects.requireNonNull(gear, "gear"))
                .withRegistry(Objects.requireNonNull(registry, "registry"));
    }

    /** Remembers the endpoint template {@code request} was routed to, for {@link #record}. */
    public static void endpoint(ServletRequest request, String template) {
        request.setAttribute(ENDPOINT, template);
    }

    /** The template set by {@link #endpoint}, else {@value #UNMATCHED}. */
    public static String endpointOf(ServletRequest request) {
        return request.getAttribute(ENDPOINT) instanceof String template ? template : UNMATCHED;
    }

    /** The error tag of a response: the envelope's reason ({@code InvalidCredentials}, …), or {@value #NO_ERROR}. */
    public static String errorOf(SkygearException error) {
        return error == null ? NO_ERROR : error.reason();
    }

    /** Records one answered request that started at {@code startNanos} ({@link System#nanoTime()}). */
    public void record(ServletRequest request, HttpServletResponse response, SkygearException error, long startNanos) {
        requests.withTags("endpoint", endpointOf(request), "status", Integer.toString(response.getStatus()),
                        "error", errorOf(error))
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
