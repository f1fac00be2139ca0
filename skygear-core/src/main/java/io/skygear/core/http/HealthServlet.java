package io.skygear.core.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Liveness probe: answers every method with 200 and the body {@code OK}, like the original's
 * {@code /_healthz}. Mount it at {@code /_healthz} before any tenant or key filter.
 */
public final class HealthServlet extends HttpServlet {

    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(OK.length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(OK);
        }
    }
}
