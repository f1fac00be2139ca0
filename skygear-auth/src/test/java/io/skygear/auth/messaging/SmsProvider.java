package io.skygear.auth.messaging;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Twilio ({@code POST /2010-04-01/Accounts/<sid>/Messages.json}, Basic auth, 201) and
 * Nexmo ({@code POST /sms/json}, credentials in the form, status "0"): records every request as the
 * providers would see it, and can be told to fail the next requests with an HTTP status.
 */
final class SmsProvider extends HttpServlet {

    /** One request: path, Authorization header and the form fields. */
    record Request(String path, String authorization, Map<String, String> form) {

        String to() {
            return form.containsKey("To") ? form.get("To") : form.get("to");
        }

        String text() {
            return form.containsKey("Body") ? form.get("Body") : form.get("text");
        }
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile int failStatus = 503;

    /** The next {@code count} requests answer {@code status}. */
    void failNext(int count, int status) {
        failStatus = status;
        failures.set(count);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(new Request(request.getRequestURI(), request.getHeader("Authorization"), form));
        response.setContentType("application/json");
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            response.setStatus(failStatus);
            response.getWriter().write("{\"code\":20500,\"message\":\"provider unavailable\"}");
            return;
        }
        if (request.getRequestURI().endsWith("/sms/json")) {
            response.getWriter().write("{\"message-count\":\"1\",\"messages\":[{\"to\":\"" + form.get("to")
                    + "\",\"message-id\":\"0A0000000123ABCD1\",\"status\":\"0\"}]}");
        } else {
            response.setStatus(201);
            response.getWriter().write("{\"sid\":\"SM123\",\"status\":\"queued\"}");
        }
    }
}
