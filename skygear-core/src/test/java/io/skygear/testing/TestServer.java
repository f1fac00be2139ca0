package io.skygear.testing;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee11) server on an ephemeral loopback port, configured the way a host app would:
 * filters and servlets on one context. Start it once per test class and talk HTTP to it.
 */
public final class TestServer implements AutoCloseable {

    private final Server server = new Server();
    private final ServletContextHandler context = new ServletContextHandler();
    private final ServerConnector connector = new ServerConnector(server);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestServer() {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        context.setContextPath("/");
        server.setHandler(context);
    }

    public TestServer filter(Filter filter, String pathSpec) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        return this;
    }

    public TestServer servlet(Servlet servlet, String pathSpec) {
        context.addServlet(new ServletHolder(servlet), pathSpec);
        return this;
    }

    public TestServer start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty", e);
        }
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
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
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop Jetty", e);
        }
    }
}
