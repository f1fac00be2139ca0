package io.skygear.auth.hook;

import io.skygear.core.http.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A hook endpoint for tests, mounted on a real {@code TestServer}: records every request (path,
 * signature header, raw body) and answers as the test told it for that path, by default
 * {@code 200 {"is_allowed":true}}.
 */
final class HookReceiver extends HttpServlet {

    /** One request as received. */
    record Received(String path, String signature, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    /** How to answer: after {@code action} and {@code delay}, {@code status} with {@code body}. */
    record Answer(int status, String body, Duration delay, Runnable action, String location) {

        static Answer json(String body) {
            return new Answer(200, body, Duration.ZERO, () -> { }, null);
        }

        static Answer status(int status) {
            return new Answer(status, "{}", Duration.ZERO, () -> { }, null);
        }

        static Answer redirect(String location) {
            return new Answer(302, "", Duration.ZERO, () -> { }, location);
        }

        Answer after(Duration delay) {
            return new Answer(status, body, delay, action, location);
        }

        Answer afterRunning(Runnable action) {
            return new Answer(status, body, delay, action, location);
        }
    }

    static final Answer ALLOW = Answer.json("{\"is_allowed\":true}");

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();

    void answer(String path, Function<Received, Answer> answer) {
        answers.put(path, answer);
    }

    void answer(String path, Answer answer) {
        answer(path, r -> answer);
    }

    void reset() {
        received.clear();
        answers.clear();
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    /** Waits until {@code path} received at least {@code count} requests (fails after {@code timeout}). */
    List<Received> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received(path).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " requests to " + path + ", got " + received(path).size());
            }
            Thread.sleep(10);
        }
        return received(path);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Received r = new Received(request.getRequestURI(), request.getHeader(HookSignature.HEADER), request.getContentType(),
                request.getInputStream().readAllBytes());
        received.add(r);
        Answer answer = answers.getOrDefault(r.path(), x -> ALLOW).apply(r);
        answer.action().run();
        if (!answer.delay().isZero()) {
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        response.setStatus(answer.status());
        if (answer.location() != null) {
            response.setHeader("Location", answer.location());
        }
        response.setContentType("application/json");
        response.getOutputStream().write(answer.body().getBytes(StandardCharsets.UTF_8));
    }
}
