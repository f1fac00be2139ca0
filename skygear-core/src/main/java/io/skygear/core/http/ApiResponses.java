package io.skygear.core.http;

import io.skygear.core.error.SkygearException;
import io.skygear.core.internal.http.Envelope;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the Skygear response envelope: {@code {"result":…}} with status 200, or
 * {@code {"error":{"name","reason","message","code","info"?}}} with status = code. Bodies are
 * {@code application/json} and end with a newline, like the original's.
 */
public final class ApiResponses {

    static final String CONTENT_TYPE = "application/json";

    private ApiResponses() {}

    /** 200 {@code {"result": result}}; a {@code null} result writes {@code {}}. */
    public static void writeResult(HttpServletResponse response, Object result) throws IOException {
        write(response, HttpServletResponse.SC_OK, Envelope.result(result));
    }

    /**
     * {@code {"result": result}} with another success status, e.g. 201 for a created resource.
     *
     * @throws IllegalArgumentException unless {@code status} is 2xx with a body (not 204 or 205)
     */
    public static void writeResult(HttpServletResponse response, int status, Object result) throws IOException {
        if (status < 200 || status > 299 || status == 204 || status == 205) {
            throw new IllegalArgumentException("status must be 2xx with a body, got " + status);
        }
        write(response, status, Envelope.result(result));
    }

    /** The error envelope of {@code error} with its status. */
    public static void writeError(HttpServletResponse response, SkygearException error) throws IOException {
        write(response, error.status(), Envelope.error(error));
    }

    // No Content-Length: writing it would complete the response at once, before JsonApiServlet drains
    // the request body; the container adds it when the body fits its buffer.
    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.getOutputStream().write(body);
    }
}
