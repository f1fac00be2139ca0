package io.skygear.examples;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The examples' Jetty server, stopped gracefully: on stop (Ctrl-C, SIGTERM) it refuses new connections
 * and lets requests in flight finish, up to {@link #STOP_TIMEOUT}, so a client never loses the answer
 * to an operation that committed. Put the node out of the load balancer first (docs/deployment.md).
 */
public final class GracefulJetty {

    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private GracefulJetty() {}

    /** A server with one HTTP connector on {@code port} (0: any free port); not started. */
    public static Server server(int port) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        return server;
    }

    /** Serves {@code handler}, waiting for its requests in flight when the server stops. */
    public static void serve(Server server, Handler handler) {
        server.setHandler(new GracefulHandler(handler));
    }
}
