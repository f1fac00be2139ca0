package io.skygear.core.http;

import io.skygear.core.error.SkygearException;
import io.skygear.core.internal.http.RequestDrain;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Base servlet of the JSON APIs: whatever {@link #handle} throws is answered by
 * {@link ApiErrorHandler} (a {@code SkygearException} as its envelope, anything else as a logged 500).
 * Subclasses override {@code doPost} & co., or {@link #handle} to route themselves, and write
 * responses with {@link ApiResponses}. Whatever a handler leaves unread of the request body is drained
 * (up to 256 KiB) so that the connection stays usable.
 */
public abstract class JsonApiServlet extends HttpServlet {

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) {
        long start = System.nanoTime();
        SkygearException error = null;
        try {
            handle(request, response);
        } catch (Exception e) {
            error = ApiErrorHandler.handle(request, response, e);
        } finally {
            RequestDrain.drain(request, response);
        }
        completed(request, response, error, start);
    }

    /**
     * Called once the request is answered, with the error it was answered with (null on success) and
     * its start ({@link System#nanoTime()}): where gears record their request metrics. Does nothing here.
     */
    protected void completed(HttpServletRequest request, HttpServletResponse response, SkygearException error,
                             long startNanos) {
    }

    /** Dispatches by HTTP method ({@code doGet}, {@code doPost}, …) unless overridden. */
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
        super.service(request, response);
    }
}
