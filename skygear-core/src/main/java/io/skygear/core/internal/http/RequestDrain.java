package io.skygear.core.internal.http;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Reads what a handler left unread of a request body before the response goes out, so the connection
 * can carry the next request; a body larger than {@value #MAX_DRAIN_BYTES} bytes (Go's net/http drains
 * the same amount), or one the client holds back until "100 Continue", gets {@code Connection: close}
 * instead. Without this, a client
 * that reuses the connection may find it closed under it.
 */
public final class RequestDrain {

    static final int MAX_DRAIN_BYTES = 256 * 1024;

    private RequestDrain() {}

    public static void drain(HttpServletRequest request, HttpServletResponse response) {
        long length = request.getContentLengthLong();
        // touching the stream sends "100 Continue", inviting a body we will not read
        boolean awaitsContinue = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        boolean tooLarge = length < 0 ? awaitsContinue : length > MAX_DRAIN_BYTES && awaitsContinue;
        if (!tooLarge && drained(request, length)) {
            return;
        }
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
        }
    }

    private static boolean drained(HttpServletRequest request, long length) {
        try {
            ServletInputStream in = request.getInputStream();
            if (in.isFinished()) {
                return true;
            }
            if (length > MAX_DRAIN_BYTES) {
                return false;
            }
            byte[] buffer = new byte[8192];
            int drained = 0;
            while (!in.isFinished() && drained < MAX_DRAIN_BYTES) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                drained += n;
            }
            return in.isFinished();
        } catch (IOException | IllegalStateException e) {
            return false; // the body was read as a Reader, or the client is gone
        }
    }
}
