package io.skygear.gateway.internal.proxy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a servlet request to an HTTP backend with the JDK client and streams both bodies (nothing is
 * buffered whole): hop-by-hop headers dropped both ways, {@code X-Forwarded-For/-Host/-Proto} set, the
 * given headers added. Backend unreachable → 502; no response headers within the response timeout,
 * counted from the last byte of the request body → 504; both with an empty body like Go's reverse proxy.
 */
public final class HttpProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpProxy.class);

    /** Hop-by-hop (RFC 9110 §7.6.1) and the ones the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
            "http2-settings", "host", "content-length", "expect");
    private static final Set<String> CORS_HEADERS = Set.of("access-control-allow-origin",
            "access-control-allow-credentials", "access-control-allow-methods", "access-control-allow-headers");

    private final HttpClient client;
    private final Duration responseTimeout;
    private final ScheduledThreadPoolExecutor timer;

    public HttpProxy(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.responseTimeout = responseTimeout;
        this.timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("skygear-gateway-proxy-timer").factory());
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * @param request   the request as it may be forwarded (client identity headers already hidden)
     * @param added     headers to set on the forwarded request, replacing any of the same name
     * @param dropCors  remove the backend's {@code Access-Control-Allow-*} (the gateway answers CORS)
     */
    public void forward(HttpServletRequest request, HttpServletResponse response, URI target,
                        Map<String, String> added, boolean dropCors) throws IOException {
        SentSignal upload = new SentSignal(body(request));
        HttpRequest outgoing;
        try {
            outgoing = outgoing(request, target, added, upload);
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot forward to {}: {}", target, e.getMessage());
            Status.write(response, HttpServletResponse.SC_BAD_GATEWAY);
            return;
        }
        HttpResponse<InputStream> answer;
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(outgoing, HttpResponse.BodyHandlers.ofInputStream());
        // the response timeout counts from the last byte sent: a long upload is not a slow backend
        upload.sent().thenRun(() -> {
            ScheduledFuture<?> timeout = timer.schedule(() -> {
                timedOut.set(true);
                pending.cancel(true);
            }, responseTimeout.toNanos(), TimeUnit.NANOSECONDS);
            // answered in time: the task goes (a queue of finished requests' timers would hold their memory)
            pending.whenComplete((answered, error) -> timeout.cancel(false));
        });
        try {
            answer = pending.get();
        } catch (CancellationException e) {
            Status.write(response, timedOut.get() ? HttpServletResponse.SC_GATEWAY_TIMEOUT : HttpServletResponse.SC_BAD_GATEWAY);
            return;
        } catch (ExecutionException e) {
            // a cancelled exchange may also end as an I/O error, depending on which side notices first
            LOG.debug("backend {} failed: {}", target, e.getCause().toString());
            Status.write(response, timedOut.get() ? HttpServletResponse.SC_GATEWAY_TIMEOUT : HttpServletResponse.SC_BAD_GATEWAY);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            Status.write(response, HttpServletResponse.SC_BAD_GATEWAY);
            return;
        }
        try (InputStream stream = answer.body()) {
            response.setStatus(answer.statusCode());
            Set<String> skip = connectionTokens(answer.headers().allValues("connection"));
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if ((NOT_FORWARDED.contains(lower) && !lower.equals("content-length")) || skip.contains(lower)
                        || (dropCors && CORS_HEADERS.contains(lower))) {
                    return;
                }
                for (String value : values) {
                    response.addHeader(name, value);
                }
            });
            copy(stream, response.getOutputStream());
        }
    }

    private static HttpRequest outgoing(HttpServletRequest request, URI target, Map<String, String> added,
                                        HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).method(request.getMethod(), body);
        Set<String> skip = connectionTokens(Collections.list(request.getHeaders("Connection")));
        for (String name : Collections.list(request.getHeaderNames())) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || skip.contains(lower) || added.containsKey(lower)
                    || lower.startsWith("x-forwarded-")) {
                continue;
            }
            for (String value : Collections.list(request.getHeaders(name))) {
                builder.header(name, value);
            }
        }
        String host = request.getHeader("Host");
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        String forwardedProto = request.getHeader("X-Forwarded-Proto");
        String forwardedFor = request.getHeader("X-Forwarded-For");
        String client = request.getRemoteAddr();
        builder.header("X-Forwarded-For", forwardedFor == null || forwardedFor.isEmpty() ? client : forwardedFor + ", " + client);
        builder.header("X-Forwarded-Host", forwardedHost != null && !forwardedHost.isEmpty() ? forwardedHost
                : host != null ? host : "");
        builder.header("X-Forwarded-Proto", forwardedProto != null && !forwardedProto.isEmpty() ? forwardedProto
                : request.getScheme());
        added.forEach(builder::setHeader);
        return builder.build();
    }

    /** The client's body as a stream: with its Content-Length when it gave one, else chunked (or none). */
    private static HttpRequest.BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    /** Copies as it arrives, flushing whenever the backend pauses so that streamed answers stay streamed. */
    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    private static Set<String> connectionTokens(List<String> values) {
        Set<String> tokens = new HashSet<>();
        for (String value : values) {
            for (String token : value.split(",")) {
                tokens.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        // aborts exchanges still running (close() would wait for them, e.g. a backend that never answers)
        client.shutdownNow();
    }

    /** Empty-bodied statuses like Go's reverse proxy, written only while nothing has been sent. */
    private static final class Status {

        static void write(HttpServletResponse response, int status) {
            if (!response.isCommitted()) {
                response.resetBuffer();
                response.setStatus(status);
                response.setContentLength(0);
            }
        }
    }
}
