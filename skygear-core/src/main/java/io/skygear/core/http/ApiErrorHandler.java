package io.skygear.core.http;

import io.skygear.core.error.ErrorName;
import io.skygear.core.error.SkygearException;
import io.skygear.core.internal.db.DatabaseOutage;
import io.skygear.core.internal.http.MaskedThrowable;
import io.skygear.core.tenant.TenantContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failed request becomes a response: a {@link SkygearException} is written as
 * its envelope; a lost or unreachable database as 503 {@code ServiceUnavailable/DatabaseUnavailable} with
 * {@code Retry-After} (a retry may succeed); anything else as 500 {@code InternalError/UnexpectedError}
 * "unexpected error occurred".
 * Unexpected errors and 5xx errors are logged at ERROR (with the MDC {@code request_id} of
 * {@link RequestIdFilter}), with tenant secrets and tokens masked and never the request body; the
 * response is unchanged by logging. When the response is already committed the error is only logged.
 * {@link JsonApiServlet} applies it to every request.
 */
public final class ApiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    private static final SkygearException UNEXPECTED =
            new SkygearException(ErrorName.INTERNAL_ERROR, "UnexpectedError", "unexpected error occurred");
    private static final SkygearException DATABASE_UNAVAILABLE = new SkygearException(
            ErrorName.SERVICE_UNAVAILABLE, "DatabaseUnavailable", "database unavailable, retry later");
    private static final String RETRY_AFTER_SECONDS = "1";

    private ApiErrorHandler() {}

    /** Answers (or, once committed, logs) {@code error}; returns the error as answered (500 for the unexpected). */
    public static SkygearException handle(HttpServletRequest request, HttpServletResponse response, Throwable error) {
        Throwable cause = unwrap(error);
        SkygearException api = cause instanceof SkygearException e ? e
                : DatabaseOutage.isOutage(cause) ? DATABASE_UNAVAILABLE : null;
        if (response.isCommitted()) {
            log(request, error, "error after the response was committed");
            return api != null ? api : UNEXPECTED;
        }
        if (api == null) {
            log(request, error, "unexpected error");
        } else if (api.status() >= 500) {
            log(request, error, "server error " + api.name().wireName() + "/" + api.reason());
        }
        try {
            if (api == DATABASE_UNAVAILABLE) {
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            }
            ApiResponses.writeError(response, api != null ? api : UNEXPECTED);
        } catch (IOException | RuntimeException writeFailure) {
            log(request, writeFailure, "error response could not be written");
        }
        return api != null ? api : UNEXPECTED;
    }

    /** Servlet plumbing may wrap what the application threw. */
    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof ServletException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static void log(HttpServletRequest request, Throwable error, String what) {
        SecretMasker masker = TenantContext.find(request)
                .map(tenant -> SecretMasker.of(tenant.config().secrets()))
                .orElse(SecretMasker.tokensOnly());
        // the path only: query strings may carry tokens and signatures
        String path = masker.mask(request.getRequestURI());
        Throwable masked;
        try {
            masked = MaskedThrowable.of(error, masker);
        } catch (RuntimeException e) {
            // never let logging break the error response; the class name alone is safe to log
            masked = null;
            what = what + " (" + error.getClass().getName() + ")";
        }
        LOG.error("{}: {} {}", what, request.getMethod(), path, masked);
    }
}
