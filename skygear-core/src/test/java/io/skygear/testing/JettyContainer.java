package io.skygear.testing;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Jetty 12 (ee11): a {@link ServletContextHandler} at {@code /}. */
final class JettyContainer implements ServletContainer {

    private final Server server = new Server();
    private final ServletContextHandler context = new ServletContextHandler();
    private final ServerConnector connector = new ServerConnector(server);

    JettyContainer() {
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        context.setContextPath("/");
        server.setHandler(context);
    }

    @Override
    public void addFilter(Filter filter, String pathSpec) {
        context.addFilter(new FilterHolder(filter), pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void addServlet(Servlet servlet, String pathSpec) {
        context.addServlet(new ServletHolder(servlet), pathSpec);
    }

    @Override
    public void start() throws Exception {
        server.start();
    }

    @Override
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
