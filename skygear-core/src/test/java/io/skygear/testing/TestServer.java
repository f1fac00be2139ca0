package io.skygear.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real servlet container on an ephemeral loopback port, configured the way a host app would:
 * filters and servlets on one context. Start it once per test class and talk HTTP to it.
 * Jetty 12 (ee11) by default; {@code -Dskygear.test.container=tomcat} runs the same tests on
 * embedded Tomcat 11.
 */
public final class TestServer implements AutoCloseable {

    private final ServletContainer container = ServletContainer.fromSystemProperty();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer() {
    }

    public TestServer filter(Filter filter, String pathSpec) {
        container.addFilter(filter, pathSpec);
        return this;
    }

    public TestServer servlet(Servlet servlet, String pathSpec) {
        container.addServlet(servlet, pathSpec);
        return this;
    }

    public TestServer start() {
        try {
            container.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start " + container.getClass().getSimpleName(), e);
        }
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + container.port() + path);
    }

    public HttpClient client() {
        return client;
    }

    /** Sends a request built on {@link #uri(String)} and returns the body as a string. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST with {@code Content-Type: application/json}. */
    public HttpResponse<String> postJson(String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    @Override
    public void close() {
        try {
            container.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop " + container.getClass().getSimpleName(), e);
        }
    }
}
