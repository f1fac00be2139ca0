package io.skygear.testing;

import io.skygear.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol with the
 * JDK's WebSocket client: open a URL, fill fields, click, read the page, evaluate JavaScript. One
 * browser with one tab per instance; close it when done.
 *
 * <pre>{@code
 * try (Chromium browser = Chromium.launch()) {
 *     browser.open(server.uri("/form").toString());
 *     browser.fill("#password", "secret");
 *     browser.clickAndWait("#submit");
 *     assertThat(browser.text()).contains("done");
 * }
 * }</pre>
 *
 * Without Chromium installed, {@link #launch()} skips the test with a message, and fails it when the
 * environment variable {@code CI} is {@code true} ({@code scripts/test} installs it there).
 */
public final class Chromium implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration COMMAND = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();

    private Chromium(Process process, Path profile, URI pageSocket) throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(STARTUP)
                .buildAsync(pageSocket, new Listener()).get(STARTUP.toSeconds(), TimeUnit.SECONDS);
        command("Page.enable", Map.of());
        command("Runtime.enable", Map.of());
    }

    /**
     * Starts a headless Chromium with a fresh profile.
     *
     * @throws TestAbortedException when Chromium is not installed (outside CI)
     * @throws AssertionError       when it is not installed in CI, or does not start
     */
    public static Chromium launch() {
        Optional<String> binary = Stream.of("chromium", "chromium-browser", "google-chrome")
                .filter(Chromium::onPath).findFirst();
        if (binary.isEmpty()) {
            String message = "Chromium is not installed (Debian: apt-get install chromium; scripts/test does it as root)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            throw new TestAbortedException(message);
        }
        Path profile = null;
        Process process = null;
        try {
            profile = Files.createTempDirectory("skygear-chromium");
            process = new ProcessBuilder(binary.get(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                    "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                    "--user-data-dir=" + profile, "about:blank")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int port = devToolsPort(profile, process);
            return new Chromium(process, profile, pageSocket(port));
        } catch (Exception e) {
            if (process != null) {
                process.destroyForcibly();
            }
            delete(profile);
            throw new AssertionError("Chromium did not start: " + e, e);
        }
    }

    /** Opens {@code url} and waits until it has loaded. */
    public void open(String url) {
        long before = loads.get();
        JsonNode result = command("Page.navigate", Map.of("url", url));
        if (result.has("errorText")) {
            throw new AssertionError("cannot open " + url + ": " + result.get("errorText").asString());
        }
        awaitLoad(before);
    }

    /** Sets the value of the field {@code selector} (CSS) as if typed. */
    public void fill(String selector, String value) {
        evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) throw new Error('no element ' + " + quote(selector) + ");"
                + " e.focus(); e.value = " + quote(value) + ";"
                + " e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true})); })()");
    }

    /** Clicks the element {@code selector} (CSS). */
    public void click(String selector) {
        evaluate("(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) throw new Error('no element ' + " + quote(selector) + "); e.click(); })()");
    }

    /** Clicks {@code selector} and waits for the page it leads to (a form submit, a link). */
    public void clickAndWait(String selector) {
        long before = loads.get();
        click(selector);
        awaitLoad(before);
    }

    /** The URL of the page shown. */
    public String currentUrl() {
        return evaluate("location.href").asString();
    }

    /** The visible text of the page. */
    public String text() {
        return evaluate("document.body ? document.body.innerText : ''").asString();
    }

    /** The page's HTML. */
    public String html() {
        return evaluate("document.documentElement.outerHTML").asString();
    }

    /**
     * Evaluates {@code expression} in the page (promises awaited, run as a user gesture) and returns its
     * value as JSON.
     *
     * @throws AssertionError when it throws
     */
    public JsonNode evaluate(String expression) {
        // as a user gesture, so that what a click would allow (window.open of a popup) is not blocked
        JsonNode result = command("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true, "userGesture", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + result.get("exceptionDetails").toString());
        }
        return result.path("result").path("value");
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes away below in any case
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        delete(profile);
    }

    private JsonNode command(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        try {
            socket.sendText(Json.mapper().writeValueAsString(message), true).get(COMMAND.toSeconds(), TimeUnit.SECONDS);
            JsonNode reply = answer.get(COMMAND.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + COMMAND, e);
        } finally {
            pending.remove(id);
        }
    }

    private void awaitLoad(long before) {
        long deadline = System.nanoTime() + COMMAND.toNanos();
        synchronized (loads) {
            while (loads.get() == before) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("the page did not load within " + COMMAND);
                }
                try {
                    loads.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while loading", e);
                }
            }
        }
    }

    /** Reads DevToolsActivePort, which Chromium writes once it listens (its first line is the port). */
    private static int devToolsPort(Path profile, Process process) throws Exception {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited with " + process.exitValue());
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.getFirst().isBlank()) {
                    return Integer.parseInt(lines.getFirst().trim());
                }
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("no DevToolsActivePort within " + STARTUP);
    }

    /** The WebSocket of the browser's first tab. */
    private static URI pageSocket(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(STARTUP).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(STARTUP).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : Json.mapper().readTree(targets.body())) {
                if ("page".equals(target.path("type").asString(""))) {
                    return URI.create(target.get("webSocketDebuggerUrl").asString());
                }
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("no page target within " + STARTUP);
    }

    private static String quote(String s) {
        return Json.mapper().writeValueAsString(s);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary profile left behind is harmless; the walk fails when a browser helper process
            // still exiting removes files under it
        }
    }

    /** Collects text frames into messages: answers complete their command, load events are counted. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonNode message = Json.mapper().readTree(buffer.toString());
                buffer.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if ("Page.loadEventFired".equals(message.path("method").asString(""))) {
                    synchronized (loads) {
                        loads.incrementAndGet();
                        loads.notifyAll();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
